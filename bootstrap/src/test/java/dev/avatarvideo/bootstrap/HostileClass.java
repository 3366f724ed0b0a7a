package dev.avatarvideo.bootstrap;

/** The kinds of hostile request the suite generates, each a class of failure the border must stop at its root. */
enum HostileClass {

    TEXT("NUL and odd Unicode: lone surrogates, overlong and invalid UTF-8, bidi overrides, control and zero-width characters"),
    RANGE("numbers and times outside what a parameter or the database allows, and malformed numbers"),
    FRAMING("broken HTTP over a raw socket: framing, Host, versions, header syntax, encodings hidden in the path"),
    METHOD_OVERRIDE("reads carrying a method override header or _method parameter"),
    HUGE("bodies, headers and addresses over the limits, JSON nested too deep"),
    OTHER_TENANT("another tenant's ids where the caller's belong"),
    INTERNAL_URL("internal and non-http addresses in URL fields");

    final String description;

    HostileClass(String description) {
        this.description = description;
    }
}
