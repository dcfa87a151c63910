package io.amlwarden.access;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "An item with its history")
record ItemDetail(Item item, List<ItemEvent> history) {
}
