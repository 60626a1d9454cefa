#!/usr/bin/env bash
# Quality benchmark anyone can rerun: trains `tiny` on one thread for fixed CPU budgets on natural sounds from
# Debian's game data packages plus the synthetic corpus, and scores clips from sources it never trained on, with
# Opus at 6 and 3 kbit/s beside it (the eval report's tonal peak F1, steady lines, tone level, mel distance, SI-SNR,
# ...), and the network with its quantizer left out.
#
#   scripts/quality-benchmark.sh [WORKDIR] [MINUTES...]      default: build/quality 10 20 60 120
#
# Sources (each whole source is either trained on or held out; see datasets/README.md for the licences):
#   widelands-data (GPL-2+): data/sound/animals — bird1..bird6, crickets, frog, wolf, coyote, moose, stag, boar
#   minetest-data (CC BY-SA 3.0): mods/env_sounds — water
#   the embedded synthetic corpus (soundstream synth)
# Held out for evaluation: bird5, bird6, frog, crickets2, water.4, and synthetic clips of another seed.
# Budgets are the training process's CPU time (--cpu-minutes: one engine thread plus data loading), so other work on
# the machine does not change them; each budget resumes the previous one (resume is bit-exact), and a rerun with more
# budgets goes on from the last one measured. Extra training flags for an A/B arm: SOUNDSTREAM_TRAIN_FLAGS="...".
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${1:-build/quality}
shift || true
BUDGETS=("${@:-10 20 60 120}")
# shellcheck disable=SC2206
BUDGETS=(${BUDGETS[@]})
SS="java -jar target/soundstream.jar"

[ -f target/soundstream.jar ] || mvn -B -q package -DskipTests
mkdir -p "$WORK/debs" "$WORK/extracted" "$WORK/train" "$WORK/eval"
if [ ! -d "$WORK/extracted/usr/share/games/widelands" ]; then
  (cd "$WORK/debs" && apt-get download widelands-data minetest-data)
  for d in "$WORK"/debs/*.deb; do dpkg -x "$d" "$WORK/extracted"; done
fi
ANIMALS="$WORK/extracted/usr/share/games/widelands/data/sound/animals"
WATER="$WORK/extracted/usr/share/games/minetest/games/minetest_game/mods/env_sounds/sounds"
held_out() { case "$(basename "$1")" in bird5_*|bird6_*|frog*|crickets2_*|env_sounds_water.4*) return 0;; esac; return 1; }
for f in "$ANIMALS"/*.ogg "$WATER"/env_sounds_water.*.ogg; do
  if held_out "$f"; then cp -n "$f" "$WORK/eval/"; else cp -n "$f" "$WORK/train/"; fi
done
[ -d "$WORK/train/synthetic" ] || $SS synth -o "$WORK/train/synthetic" --clips 64 --seconds 5 --seed 42
[ -d "$WORK/eval/synthetic" ] || $SS synth -o "$WORK/eval/synthetic" --clips 4 --seconds 5 --seed 7

done_minutes=0
for budget in "${BUDGETS[@]}"; do
  if [ -f "$WORK/at-${budget}min.json" ]; then   # measured by an earlier run of this script: go on from there
    done_minutes=$budget
    continue
  fi
  run=$((budget - done_minutes))
  [ "$run" -gt 0 ] || continue
  resume=()
  [ "$done_minutes" -gt 0 ] && resume=(--resume latest)
  echo "training to ${budget} CPU-minutes (+${run})"
  # shellcheck disable=SC2086
  $SS --threads 1 train --cpu-minutes "$run" ${SOUNDSTREAM_TRAIN_FLAGS:-} --audio-dir "$WORK/train" --preset tiny --batch-size 4 \
    --audio-length 1 --save-interval 500 --checkpoint-dir "$WORK/ck" --log-dir "$WORK/logs" --quiet \
    "${resume[@]}" > "$WORK/train-${budget}.log" 2>&1 || true
  done_minutes=$budget
  ck=$(ls -t "$WORK"/ck/soundstream_step_*.ckpt | head -1)
  cp "$ck" "$WORK/at-${budget}min.ckpt"
  $SS eval --checkpoint "$WORK/at-${budget}min.ckpt" --audio-dir "$WORK/eval" --bitrates 3,6 --num-samples 64 --baseline opus \
    --unquantized --report "$WORK/at-${budget}min.html" --json "$WORK/at-${budget}min.json" | tee "$WORK/at-${budget}min.txt"
  # the held-out bird's first clip at 6 kbit/s, original | reconstruction, as a picture beside the report
  python3 - "$WORK/at-${budget}min.html" "$WORK/at-${budget}min-bird5.png" <<'PY' || true
import base64, re, sys
html = open(sys.argv[1]).read()
start = html.index('<h3>bird5_00')
section = html[start:html.index('<h3>', start + 4)]
images = re.findall(r'src="data:image/png;base64,([^"]+)"', section)
open(sys.argv[2], 'wb').write(base64.b64decode(images[2]))  # 3 kbit/s pair, its difference, then 6 kbit/s
PY
done
