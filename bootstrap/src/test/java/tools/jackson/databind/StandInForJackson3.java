package tools.jackson.databind;

/**
 * Stands in for a class of Jackson 3, which nothing in this build depends on: the rules match packages by name, so a
 * class in Jackson 3's package is all a planted violation needs.
 */
public final class StandInForJackson3 {
}
