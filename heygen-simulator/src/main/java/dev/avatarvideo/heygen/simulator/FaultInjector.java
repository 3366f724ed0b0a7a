package dev.avatarvideo.heygen.simulator;

import java.util.Random;

/**
 * Draws the faults of the current {@link SimulatorFaults} profile from one seeded random sequence. Every decision is
 * taken under one lock, so a given order of requests meets the same faults on every run.
 */
final class FaultInjector {

    enum RequestFault { NONE, RATE_LIMITED, SERVER_ERROR, ERROR_ON_200, TIMEOUT }

    enum WebhookFate { ON_TIME, DUPLICATED, LATE, LOST }

    private SimulatorFaults profile = SimulatorFaults.none();
    private Random random = new Random(profile.seed());

    synchronized void use(SimulatorFaults newProfile) {
        profile = newProfile;
        random = new Random(newProfile.seed());
    }

    synchronized SimulatorFaults profile() {
        return profile;
    }

    synchronized RequestFault nextRequestFault() {
        double total = profile.rateLimitRate() + profile.serverErrorRate() + profile.errorOn200Rate() + profile.timeoutRate();
        if (total == 0) {
            return RequestFault.NONE;
        }
        double draw = random.nextDouble();
        double bound = profile.rateLimitRate();
        if (draw < bound) {
            return RequestFault.RATE_LIMITED;
        }
        bound += profile.serverErrorRate();
        if (draw < bound) {
            return RequestFault.SERVER_ERROR;
        }
        bound += profile.errorOn200Rate();
        if (draw < bound) {
            return RequestFault.ERROR_ON_200;
        }
        bound += profile.timeoutRate();
        return draw < bound ? RequestFault.TIMEOUT : RequestFault.NONE;
    }

    /** Which of HeyGen's 5xx answers a server-error fault gives. */
    synchronized int serverErrorStatus() {
        int[] statuses = {500, 502, 503};
        return statuses[random.nextInt(statuses.length)];
    }

    synchronized boolean renderFails() {
        return chance(profile.renderFailureRate());
    }

    synchronized boolean invisibleAfterCreate() {
        return chance(profile.notFoundAfterCreateRate());
    }

    synchronized boolean truncateDownload() {
        return chance(profile.truncatedDownloadRate());
    }

    synchronized WebhookFate webhookFate() {
        double total = profile.webhookDuplicateRate() + profile.webhookLateRate() + profile.webhookLostRate();
        if (total == 0) {
            return WebhookFate.ON_TIME;
        }
        double draw = random.nextDouble();
        double bound = profile.webhookDuplicateRate();
        if (draw < bound) {
            return WebhookFate.DUPLICATED;
        }
        bound += profile.webhookLateRate();
        if (draw < bound) {
            return WebhookFate.LATE;
        }
        bound += profile.webhookLostRate();
        return draw < bound ? WebhookFate.LOST : WebhookFate.ON_TIME;
    }

    private boolean chance(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }
}
