package io.amlwarden.findings;

import java.util.Locale;

/**
 * A suppression's {@code resourceNamePattern}: a case-insensitive glob where {@code *}
 * matches any run of characters and {@code ?} exactly one.
 * <p>
 * Matched without regular expressions and without backtracking: the pattern is split at
 * its stars, the first piece must match at the start, the last at the end, and each piece
 * in between is taken at its leftmost occurrence after the previous one (which is always
 * right for globs, since a star can absorb whatever a later occurrence would have
 * skipped). Each name position is tried at most once per piece, so the work grows
 * linearly with the name's length for a given pattern (at most name length times pattern
 * length comparisons), never exponentially with the number of stars the way a
 * backtracking regular expression does: a pattern of fifty stars cannot stall a scan.
 */
final class NameGlob {

	private final String[] pieces;

	private NameGlob(String[] pieces) {
		this.pieces = pieces;
	}

	static NameGlob compile(String pattern) {
		return new NameGlob(pattern.toLowerCase(Locale.ROOT).split("\\*", -1));
	}

	boolean matches(String name) {
		return match(name.toLowerCase(Locale.ROOT), new long[1]);
	}

	/**
	 * How many character comparisons matching a name takes; for tests of the bound.
	 * @param name the resource name
	 * @return the comparisons made
	 */
	long steps(String name) {
		long[] steps = new long[1];
		match(name.toLowerCase(Locale.ROOT), steps);
		return steps[0];
	}

	private boolean match(String name, long[] steps) {
		if (this.pieces.length == 1) {
			return name.length() == this.pieces[0].length() && matchesAt(name, 0, this.pieces[0], steps);
		}
		String first = this.pieces[0];
		String last = this.pieces[this.pieces.length - 1];
		if (first.length() + last.length() > name.length() || !matchesAt(name, 0, first, steps)
				|| !matchesAt(name, name.length() - last.length(), last, steps)) {
			return false;
		}
		int position = first.length();
		int end = name.length() - last.length();
		for (int i = 1; i < this.pieces.length - 1; i++) {
			String piece = this.pieces[i];
			int found = -1;
			for (int start = position; start + piece.length() <= end; start++) {
				if (matchesAt(name, start, piece, steps)) {
					found = start;
					break;
				}
			}
			if (found < 0) {
				return false;
			}
			position = found + piece.length();
		}
		return true;
	}

	private static boolean matchesAt(String name, int start, String piece, long[] steps) {
		for (int i = 0; i < piece.length(); i++) {
			steps[0]++;
			char expected = piece.charAt(i);
			if (expected != '?' && expected != name.charAt(start + i)) {
				return false;
			}
		}
		return true;
	}

}
