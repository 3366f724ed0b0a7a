package dev.avatarvideo.adapters.web;

/** The addressed resource does not exist for this caller (or belongs to someone else, which must look the same). */
final class NotFoundException extends RuntimeException {

    NotFoundException(String message) {
        super(message);
    }
}
