package io.github.soundstream.download.xenocanto;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Short codes for the Creative Commons licences Xeno-canto recordings carry, from their licence URLs. */
final class Licence {
    private static final Pattern CC = Pattern.compile("creativecommons\\.org/licenses/([a-z-]+)/");

    private Licence() {
    }

    /** {@code cc0}, {@code cc-by}, {@code cc-by-nc-sa}, ... or {@code unknown}. */
    static String code(String url) {
        String u = url == null ? "" : url.toLowerCase(Locale.ROOT);
        if (u.contains("publicdomain/zero")) {
            return "cc0";
        }
        if (u.contains("publicdomain/mark")) {
            return "pd";
        }
        Matcher m = CC.matcher(u);
        return m.find() ? "cc-" + m.group(1) : "unknown";
    }

    /** A protocol-relative URL ("//creativecommons.org/...") as an https one. */
    static String absolute(String url) {
        return url != null && url.startsWith("//") ? "https:" + url : url == null ? "" : url;
    }
}
