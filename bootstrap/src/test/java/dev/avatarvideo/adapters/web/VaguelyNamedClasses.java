package dev.avatarvideo.adapters.web;

/** Deliberate violations, for proving the architecture rules can fail: one class for each name ending the guide bans. */
public final class VaguelyNamedClasses {

    private VaguelyNamedClasses() {
    }

    public static final class RoutesImpl {
    }

    public static final class RequestManager {
    }

    public static final class JsonHelper {
    }

    public static final class PathUtil {
    }

    public static final class HeaderUtils {
    }
}
