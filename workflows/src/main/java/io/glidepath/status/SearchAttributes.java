package io.glidepath.status;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Glidepath's custom search attributes: what a release is (service, version, who started it) and
 * where it is (phase), so that {@code release list --service/--phase/--author}, the Web UI's filter
 * and any visibility query find releases on a real server. Every key is a Keyword; the phase is the
 * {@link ReleasePhase} constant name ({@code ROLLING_OUT}).
 *
 * <p>The worker registers them when it starts ({@link #register}); the workflows set them with
 * {@link #upsert}.
 */
public final class SearchAttributes {
  public static final SearchAttributeKey<String> SERVICE =
      SearchAttributeKey.forKeyword("GlidepathService");
  public static final SearchAttributeKey<String> VERSION =
      SearchAttributeKey.forKeyword("GlidepathVersion");
  public static final SearchAttributeKey<String> AUTHOR =
      SearchAttributeKey.forKeyword("GlidepathAuthor");
  public static final SearchAttributeKey<String> PHASE =
      SearchAttributeKey.forKeyword("GlidepathPhase");

  /** Every key, in the order the docs list them. */
  public static final List<SearchAttributeKey<String>> ALL =
      List.of(SERVICE, VERSION, AUTHOR, PHASE);

  /** The {@code Workflow.getVersion} change id that turns the upserts on. */
  static final String CHANGE_ID = "glidepath-search-attributes";

  private SearchAttributes() {}

  /**
   * Sets the release's search attributes from workflow code; call it when the release starts and
   * whenever its phase changes. A run whose history was recorded before the upserts existed does
   * nothing here, so old histories replay unchanged. {@code author} may be null (left unset).
   *
   * @param service the released service
   * @param version the version being released
   * @param author who started the release, or null when nobody said
   * @param phase where the release is now
   */
  public static void upsert(String service, String version, String author, ReleasePhase phase) {
    if (Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return;
    }
    if (author == null || author.isBlank()) {
      Workflow.upsertTypedSearchAttributes(
          SERVICE.valueSet(service), VERSION.valueSet(version), PHASE.valueSet(phase.name()));
    } else {
      Workflow.upsertTypedSearchAttributes(
          SERVICE.valueSet(service),
          VERSION.valueSet(version),
          AUTHOR.valueSet(author),
          PHASE.valueSet(phase.name()));
    }
  }

  /**
   * Sets only the phase from workflow code, after {@link #upsert} set the rest.
   *
   * @param phase where the release is now
   */
  public static void upsertPhase(ReleasePhase phase) {
    if (Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return;
    }
    Workflow.upsertTypedSearchAttributes(PHASE.valueSet(phase.name()));
  }

  /**
   * Registers the attributes missing in {@code namespace} through the Operator API (the embedded
   * test server and a self-hosted or dev server allow it; Temporal Cloud does not: register them
   * there with {@code tcld}). Returns the names it added; throws {@link StatusRuntimeException}
   * when the server refuses.
   *
   * @param stubs a connection to the server
   * @param namespace the namespace the releases run in
   * @return the attribute names added now (empty when all were there)
   */
  public static List<String> register(WorkflowServiceStubs stubs, String namespace) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(stubs.getRawChannel())
                .validateAndBuildWithDefaults());
    try {
      Map<String, IndexedValueType> existing;
      try {
        existing =
            operator
                .blockingStub()
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .listSearchAttributes(
                    ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
                .getCustomAttributesMap();
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
          throw e;
        }
        existing = Map.of();
      }
      Map<String, IndexedValueType> missing = new LinkedHashMap<>();
      for (SearchAttributeKey<String> key : ALL) {
        if (!existing.containsKey(key.getName())) {
          missing.put(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
        }
      }
      if (missing.isEmpty()) {
        return List.of();
      }
      try {
        operator
            .blockingStub()
            .withDeadlineAfter(30, TimeUnit.SECONDS)
            .addSearchAttributes(
                AddSearchAttributesRequest.newBuilder()
                    .setNamespace(namespace)
                    .putAllSearchAttributes(missing)
                    .build());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
          throw e;
        }
      }
      return List.copyOf(missing.keySet());
    } finally {
      operator.shutdown();
    }
  }
}
