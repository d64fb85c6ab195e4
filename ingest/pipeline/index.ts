/**
 * The web process's door to ingestion (the other is ingest/platform): the pipeline
 * core, the in-process source that buffers live events into it, what platform
 * adapters write besides events (directory) or need to know (where history ends),
 * and the Kafka sources of the single-process mode and the live tail.
 */
export { IngestPipeline, type IngestResult, type PipelineStats, type EventListener } from "./pipeline";
export type { InboundMessage, MessageOrigin } from "./message";
export { ingestOrThrow, RefusedEvents, type Refusal } from "./refused-events";
export { InProcessSource, type SourceOptions } from "./in-process-source";
export { writeDirectory } from "./directory-writer";
export { lastStoredTime } from "./stored-until";
export { writeDeadLetters } from "./store-writer";
export type { DeadLetterRow } from "./dead-letter";
export { startKafkaConsumer, type RunningConsumer } from "../kafka/start-consumer";
export { WorkerMetrics } from "../kafka/metrics";
export { startLiveTail } from "../kafka/live-tail";
