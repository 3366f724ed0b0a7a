package dev.avatarvideo.domain;

import io.javalin.http.Context;

/** A deliberate violation, for proving the architecture rules can fail: a domain class using Javalin. */
public final class DomainClassImportingJavalin {

    public String path(Context ctx) {
        return ctx.path();
    }
}
