package io.berth.server.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * The known word closest to a mistyped one, by edit distance (insertions, deletions and substitutions each
 * count one): what "did you mean" names, for a configuration key and for a command-line option alike.
 */
public final class Nearest {

    private Nearest() {
    }

    /** The candidate closest to {@code word}, ties broken alphabetically; empty when there are none. */
    public static Optional<String> of(String word, Collection<String> candidates) {
        return candidates.stream()
                .min(Comparator.comparingInt((String known) -> distance(word, known)).thenComparing(known -> known));
    }

    /**
     * The candidate closest to {@code word} when it is close enough to be a likely typo: at most a third of
     * the longer word's letters differ ({@code --prot-offset} for {@code --port-offset}, {@code --hlep} for
     * {@code --help}); empty otherwise, so that a word unlike any candidate gets no misleading suggestion.
     */
    public static Optional<String> likelyTypo(String word, Collection<String> candidates) {
        return of(word, candidates).filter(known -> distance(word, known) <= Math.max(2, Math.max(word.length(), known.length()) / 3));
    }

    /** The edit distance between {@code a} and {@code b}. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
