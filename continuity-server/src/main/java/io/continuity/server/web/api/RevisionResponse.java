package io.continuity.server.web.api;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.continuity.server.inventory.Revision;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** One entry of a resource's history; the definition holds secret references only. */
@Schema(description = "One revision of a resource definition")
public record RevisionResponse(
    int revision,
    @Schema(description = "ADDED, CHANGED, REMOVED or RESTORED") String change,
    Instant at,
    String actor,
    @Schema(description = "the whole definition after the change (JSON object)") @JsonRawValue
        String definition) {

  static RevisionResponse of(Revision r) {
    return new RevisionResponse(r.revision(), r.change().name(), r.at(), r.actor(), r.definition());
  }
}
