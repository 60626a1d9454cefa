#!/usr/bin/env bash
# Regenerates the committed decoder fixtures in src/test/resources/audio with the reference encoders
# (Debian packages flac, lame, vorbis-tools). The tests compare decoded audio with the same formulas in Java,
# so the fixtures need not be regenerated unless this script changes.
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/src/test/resources/audio"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
python3 - "$tmp" <<'PY'
import math, struct, sys, wave
d = sys.argv[1]
def tone(path, rate, channels, bits, seconds):
    n = int(rate * seconds)
    freqs = [1000.0, 2500.0][:channels]
    full = (1 << (bits - 1))
    frames = bytearray()
    for i in range(n):
        for c in range(channels):
            v = 0.5 * math.sin(2 * math.pi * freqs[c] * i / rate)
            q = max(-full, min(full - 1, round(v * full)))
            frames += q.to_bytes(bits // 8, 'little', signed=True)
    w = wave.open(path, 'wb'); w.setnchannels(channels); w.setsampwidth(bits // 8); w.setframerate(rate)
    w.writeframes(bytes(frames)); w.close()
tone(f"{d}/stereo_44k_16.wav", 44100, 2, 16, 1.0)
tone(f"{d}/mono_16k_24.wav", 16000, 1, 24, 1.0)
tone(f"{d}/stereo_44k_mp3src.wav", 44100, 2, 16, 2.0)
tone(f"{d}/mono_22k_oggsrc.wav", 22050, 1, 16, 2.0)
PY
flac -s -f --best -o "$out/tone_stereo_44k_16.flac" "$tmp/stereo_44k_16.wav"
flac -s -f --best -o "$out/tone_mono_16k_24.flac" "$tmp/mono_16k_24.wav"
lame --quiet -b 128 "$tmp/stereo_44k_mp3src.wav" "$out/tone_stereo_44k.mp3"
oggenc --quiet -q 4 -o "$out/tone_mono_22k.ogg" "$tmp/mono_22k_oggsrc.wav"
ls -l "$out"
