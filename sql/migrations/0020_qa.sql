-- Quality management (issue 10, docs/qa.md). Scorecards and evaluations are edited
-- records (lib/records): their versions are claimed in record_versions, which is the
-- source of truth and feeds the audit log; the tables below are projections.

-- Every saved version of a scorecard, one row each, so an evaluation can always read
-- the version it was scored with. The current form is the row with the highest version.
CREATE TABLE IF NOT EXISTS qa_scorecard_versions
(
    tenant_id    LowCardinality(String),
    scorecard_id String,
    version      UInt32,
    name         String,
    archived     UInt8,
    definition   String,
    updated_at   DateTime64(3, 'UTC'),
    updated_by   String
)
ENGINE = ReplacingMergeTree
ORDER BY (tenant_id, scorecard_id, version);

-- One row per evaluation, its latest version winning. What the dashboard groups by
-- (queue, team, agent, call time, per-question points) is stored flat beside the
-- whole state (JSON), so the dashboard never parses JSON.
CREATE TABLE IF NOT EXISTS qa_evaluations
(
    tenant_id         LowCardinality(String),
    evaluation_id     String,
    version           UInt32,
    call_id           String,
    recording_id      String,
    call_at           DateTime64(3, 'UTC'),
    queue_id          LowCardinality(String),
    agent_id          LowCardinality(String),
    team_id           LowCardinality(String),
    evaluator_id      String,
    evaluator_name    String,
    scorecard_id      String,
    scorecard_version UInt32,
    calibration_id    String,
    status            LowCardinality(String),
    score             Nullable(Float64),
    failed            UInt8,
    disputed          LowCardinality(String),
    question_ids      Array(String),
    question_texts    Array(String),
    question_points   Array(Nullable(Float64)),
    state             String,
    created_at        DateTime64(3, 'UTC'),
    updated_at        DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, evaluation_id);

-- Calls a sampling run assigned to an evaluator; one row per (evaluator, call).
CREATE TABLE IF NOT EXISTS qa_assignments
(
    tenant_id    LowCardinality(String),
    evaluator_id String,
    call_id      String,
    run_id       String,
    agent_id     LowCardinality(String),
    queue_id     LowCardinality(String),
    team_id      LowCardinality(String),
    call_at      DateTime64(3, 'UTC'),
    period_from  DateTime64(3, 'UTC'),
    period_to    DateTime64(3, 'UTC'),
    rule         String,
    assigned_by  String,
    assigned_at  DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(assigned_at)
ORDER BY (tenant_id, evaluator_id, call_id);

-- A calibration: several evaluators score one call with one scorecard version, blind.
CREATE TABLE IF NOT EXISTS qa_calibrations
(
    tenant_id         LowCardinality(String),
    calibration_id    String,
    call_id           String,
    queue_id          LowCardinality(String),
    agent_id          LowCardinality(String),
    team_id           LowCardinality(String),
    scorecard_id      String,
    scorecard_version UInt32,
    title             String,
    created_by        String,
    created_at        DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
ORDER BY (tenant_id, calibration_id);
