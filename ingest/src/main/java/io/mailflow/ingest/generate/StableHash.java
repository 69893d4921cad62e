package io.mailflow.ingest.generate;

/**
 * 64-bit FNV-1a over the chars of a string: a hash that, unlike {@link String#hashCode()} spread
 * through a map, is the same on every JVM and run, so derived host names and addresses never change.
 */
final class StableHash {

    private StableHash() {
    }

    static long of(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
