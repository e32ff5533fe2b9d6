package io.continuity.server.web.api;

import io.continuity.core.inventory.Group;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A group of resources that fail over together, in the order an execution acts on them. */
@Schema(description = "Resources that fail over together")
public record GroupResponse(
    String id,
    String name,
    @Schema(description = "1 (most critical) or 2") int tier,
    List<String> members,
    @Schema(description = "member depends on dependsOn: dependsOn fails over first")
        List<Dependency> dependencies,
    @Schema(description = "members in execution order: each wave after everything it depends on")
        List<List<String>> waves) {

  /** One edge of the dependency graph. */
  public record Dependency(String member, String dependsOn) {}

  static GroupResponse of(Group g) {
    return new GroupResponse(
        g.id(),
        g.name(),
        g.tier().number(),
        g.members(),
        g.dependencies().stream().map(e -> new Dependency(e.member(), e.dependsOn())).toList(),
        g.waves());
  }
}
