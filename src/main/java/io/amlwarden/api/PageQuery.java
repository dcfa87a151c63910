package io.amlwarden.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/**
 * Paging parameters shared by every list operation: {@code page} (zero-based) and
 * {@code size} (at most {@value #MAX_SIZE}). Sorting is fixed per list and always ends
 * with a unique key, so pages never overlap or skip items.
 *
 * @param page zero-based page index
 * @param size page size
 */
public record PageQuery(
		@Schema(description = "Zero-based page index", defaultValue = "0",
				minimum = "0") @Nullable @Min(0) @Max(MAX_PAGE) Integer page,
		@Schema(description = "Page size", defaultValue = "50", minimum = "1",
				maximum = "200") @Nullable @Min(1) @Max(MAX_SIZE) Integer size) {

	/** Largest page size accepted. */
	public static final int MAX_SIZE = 200;

	/**
	 * Largest page index accepted (deep offsets are expensive; narrow the filter
	 * instead).
	 */
	public static final int MAX_PAGE = 100_000;

	/** Page size when none is given. */
	public static final int DEFAULT_SIZE = 50;

	/**
	 * A pageable with the given stable sort.
	 * @param sort the list's sort, ending with a unique key
	 * @return the pageable
	 */
	public Pageable toPageable(Sort sort) {
		return PageRequest.of((this.page != null) ? this.page : 0, (this.size != null) ? this.size : DEFAULT_SIZE,
				sort);
	}

}
