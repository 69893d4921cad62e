package io.mailflow.ingest.generate;

import java.util.List;
import java.util.SplittableRandom;

/** Mailbox local parts built from first and last names, in the shapes people and providers use. */
final class Names {

    private static final String[] ROLE_ADDRESSES = {"info", "office", "sales", "contact", "hr", "accounts"};

    private final List<String> firstNames;
    private final List<String> lastNames;

    Names(List<String> firstNames, List<String> lastNames) {
        this.firstNames = List.copyOf(firstNames);
        this.lastNames = List.copyOf(lastNames);
    }

    /** Appends a local part at a company domain: mostly first.last, some f.last or a role address. */
    void appendCompanyLocalPart(StringBuilder out, SplittableRandom random) {
        double shape = random.nextDouble();
        if (shape < 0.06) {
            out.append(ROLE_ADDRESSES[random.nextInt(ROLE_ADDRESSES.length)]);
        } else if (shape < 0.25) {
            out.append(first(random).charAt(0)).append('.').append(last(random));
        } else {
            out.append(first(random)).append('.').append(last(random));
        }
    }

    /** Appends a local part at a free-mail domain, where names are taken and numbers are common. */
    void appendFreemailLocalPart(StringBuilder out, SplittableRandom random) {
        double shape = random.nextDouble();
        if (shape < 0.35) {
            out.append(first(random)).append('.').append(last(random));
        } else if (shape < 0.6) {
            out.append(first(random)).append(last(random)).append(random.nextInt(100));
        } else if (shape < 0.8) {
            out.append(first(random)).append('_').append(last(random)).append(1950 + random.nextInt(60));
        } else {
            out.append(first(random).charAt(0)).append(last(random)).append(random.nextInt(1000));
        }
    }

    /** Returns a first.last local part not yet in {@code used} and adds it there. */
    String uniqueLocalPart(List<String> used, SplittableRandom random) {
        for (int attempt = 0; ; attempt++) {
            String candidate = first(random) + "." + last(random) + (attempt > 20 ? String.valueOf(attempt) : "");
            if (!used.contains(candidate)) {
                used.add(candidate);
                return candidate;
            }
        }
    }

    private String first(SplittableRandom random) {
        return firstNames.get(random.nextInt(firstNames.size()));
    }

    private String last(SplittableRandom random) {
        return lastNames.get(random.nextInt(lastNames.size()));
    }
}
