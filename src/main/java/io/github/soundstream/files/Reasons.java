package io.github.soundstream.files;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * A failure as words for a one-line error. Many exceptions carry no message (a refused connection, some decoder
 * faults), and {@code "" + e.getMessage()} then prints "null"; file-system ones carry only the path.
 */
public final class Reasons {
    private Reasons() {
    }

    /** {@code subject: reason}, as one line; a reason that already starts with the subject is left as it is. */
    public static String about(String subject, Throwable e) {
        String reason = of(e);
        return reason.startsWith(subject) ? reason : subject + ": " + reason;
    }

    public static String of(Throwable e) {
        if (e instanceof ConnectException) {
            return "connection refused" + detail(e);
        }
        if (e instanceof HttpTimeoutException) {
            return "timed out" + detail(e);
        }
        if (e instanceof UnknownHostException) {
            return "unknown host" + detail(e);
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof java.io.EOFException && e.getMessage() == null) {
            return "unexpected end of file";
        }
        String m = e.getMessage();
        if (e.getCause() != null && e.getCause() != e && e.getCause().toString().equals(m)) {
            return of(e.getCause()); // new IOException(cause) repeats the cause's class name and message
        }
        if (m != null && !m.isBlank() && !m.equals("null")) {
            return m.replace('\n', ' ');
        }
        if (e.getCause() != null && e.getCause() != e) {
            return of(e.getCause());
        }
        return e.getClass().getSimpleName().replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(java.util.Locale.ROOT);
    }

    private static String detail(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? "" : " (" + m + ")";
    }
}
