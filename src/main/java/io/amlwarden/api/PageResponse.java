package io.amlwarden.api;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;

/**
 * One page of a list, with the totals a client needs to page through it.
 *
 * @param <T> the item type
 * @param items the items of this page, possibly empty
 * @param page zero-based page index
 * @param size requested page size
 * @param totalItems items across all pages
 * @param totalPages number of pages
 */
public record PageResponse<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

	public PageResponse {
		items = List.copyOf(items);
	}

	/**
	 * One page of a list read with LIMIT/OFFSET.
	 * @param <T> the item type
	 * @param items the items of the page
	 * @param pageable the page asked for
	 * @param totalItems items across all pages
	 * @return the response
	 */
	public static <T> PageResponse<T> of(List<T> items, Pageable pageable, long totalItems) {
		int totalPages = (int) ((totalItems + pageable.getPageSize() - 1) / pageable.getPageSize());
		return new PageResponse<>(items, pageable.getPageNumber(), pageable.getPageSize(), totalItems, totalPages);
	}

	/**
	 * Converts a Spring Data page, mapping each item.
	 * @param <T> the item type
	 * @param page the page
	 * @return the response
	 */
	public static <T> PageResponse<T> of(Page<T> page) {
		return new PageResponse<>(page.getContent(), page.getNumber(), page.getSize(), page.getTotalElements(),
				page.getTotalPages());
	}

}
