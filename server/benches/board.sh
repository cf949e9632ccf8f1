#!/usr/bin/env bash
# How fast the staff board `/admin/pipeline` and the gains pages answer with
# 100 000 ideas on PostgreSQL, about 2 000 in each pipeline stage with owner
# departments, scorecards, timelines, benefit plans, KPIs with six months of
# measurements, and lessons: p50 and p99 latency with wrk against a release
# build, for the whole board and its filters (one department, one focus
# area, one goal, "waiting for my score", ranked by benefit), `/admin/gains`
# (whole, one year, one goal), `/impact`, a benefit plan and an idea with
# public KPIs. "first" is the first request after loading: the dashboards
# keep their roll-ups a minute, so it is what a reader after a change waits.
#
#   server/benches/board.sh
#   IDEAS=1000000 DURATION=30s server/benches/board.sh
#
# Needs wrk (apt-get install wrk), python3, psql and PostgreSQL on
# TEST_POSTGRES_URL (default: the local server). SAMSKAP_BIN names a
# release binary to measure instead of building one.
set -euo pipefail
ideas="${IDEAS:-100000}"
connections="${CONNECTIONS:-32}"
port="${PORT:-3202}"
pg_db_prefix=samskap_bench_board
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

echo "== loading the demo data set and $ideas ideas" >&2
load_demo
DATABASE_URL="$database_url" DATA_DIR="$work" "$bin" generate --ideas "$ideas" >&2

# Spread the ideas over the stages, as a municipality some years in would
# have them: every stage gets about one in fifty, the departments own those
# in the pipeline, and the ideas under review carry a scorecard.
token="$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')"
token_hash="$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)"
psql "$database_url" -q <<SQL
BEGIN;
UPDATE idea SET
  status = CASE id % 50
    WHEN 0 THEN 'threshold_reached' WHEN 1 THEN 'under_review' WHEN 2 THEN 'selected'
    WHEN 3 THEN 'piloting' WHEN 4 THEN 'implemented' WHEN 5 THEN 'benefits_realised'
    WHEN 6 THEN 'declined' WHEN 7 THEN 'solved_elsewhere' ELSE status END,
  stage_entered_at = now() - (id % 300) * interval '1 day',
  nominated_at = CASE WHEN id % 500 = 8 THEN now() END
WHERE author_id IN (SELECT id FROM account WHERE password_hash = '!generated');
INSERT INTO idea_department (idea_id, department_id, added_at)
  SELECT idea.id, department.id, now() FROM idea
  JOIN department ON department.id = (SELECT min(id) FROM department) + idea.id % 9
  WHERE idea.status IN ('under_review', 'selected', 'piloting', 'implemented', 'benefits_realised')
  ON CONFLICT DO NOTHING;
-- Each idea in the pipeline works towards one of the demo data set's goals.
INSERT INTO idea_goal (idea_id, goal_id, added_at)
  SELECT idea.id, goal.id, now() FROM idea
  JOIN goal ON goal.id = (SELECT min(id) FROM goal) + idea.id % (SELECT count(*) FROM goal)
  WHERE idea.status IN ('under_review', 'selected', 'piloting', 'implemented', 'benefits_realised')
  ON CONFLICT DO NOTHING;
INSERT INTO idea_evaluation (idea_id, evaluator_id, value_for_residents, feasibility, cost,
    strategic_fit, comment, created_at, updated_at)
  SELECT id, author_id, 1 + id % 5, 1 + id % 4, 1 + id % 3, 5, NULL, now(), now()
  FROM idea WHERE status = 'under_review'
  ON CONFLICT DO NOTHING;
-- The staff member who reads the board: in the first department, with a session.
WITH made AS (
  INSERT INTO account (email, email_verified_at, password_hash, display_name, actor_type,
      locale, created_at, updated_at)
  VALUES ('tavle@example.no', now(), '!bench', 'Tavle', 'employee', 'nb', now(), now())
  RETURNING id),
role AS (INSERT INTO account_role (account_id, role, granted_at) SELECT id, 'staff', now() FROM made),
member AS (INSERT INTO department_member (account_id, department_id)
  SELECT id, (SELECT min(id) FROM department) FROM made)
INSERT INTO session (token_hash, account_id, created_at, last_seen_at, expires_at)
  SELECT '$token_hash', id, now(), now(), now() + interval '1 day' FROM made;
-- The gains, on the made-up ideas (the demo's have theirs): the way each
-- idea in the pipeline came, a plan on each idea from review on, two KPIs
-- with six monthly measurements from selection on (one in three public),
-- and lessons on the implemented and declined.
CREATE TEMPORARY TABLE made_up AS
  SELECT idea.id FROM idea JOIN account ON account.id = idea.author_id
  WHERE account.password_hash = '!generated';
INSERT INTO idea_status_change (idea_id, from_status, to_status, actor_id, note, created_at)
  SELECT idea.id, NULL, stage.name, NULL, NULL,
    idea.published_at + stage.n * (5 + idea.id % 20) * interval '1 day'
  FROM idea
  JOIN (VALUES (0, 'published'), (1, 'threshold_reached'), (2, 'under_review'), (3, 'selected'),
        (4, 'piloting'), (5, 'implemented'), (6, 'benefits_realised')) AS stage(n, name)
    ON stage.n <= CASE idea.status WHEN 'threshold_reached' THEN 1 WHEN 'under_review' THEN 2
      WHEN 'selected' THEN 3 WHEN 'piloting' THEN 4 WHEN 'implemented' THEN 5
      WHEN 'benefits_realised' THEN 6 ELSE -1 END
  WHERE idea.id IN (SELECT id FROM made_up);
INSERT INTO benefit_plan (idea_id, estimated_cost_nok, effort_person_days, expected_value_nok, updated_at)
  SELECT id, 10000 + id % 100 * 5000, 5 + id % 60, 5000 + id % 70 * 3000, now() FROM idea
  WHERE status IN ('under_review', 'selected', 'piloting', 'implemented', 'benefits_realised')
    AND id IN (SELECT id FROM made_up);
INSERT INTO kpi (idea_id, name, unit, category, baseline, target, target_date, method,
    owner_department_id, public, created_at, updated_at)
  SELECT idea.id, 'Indikator ' || k.n || ' for idé ' || idea.id, 'dager',
    (ARRAY['quality_for_residents', 'time_or_cost_saved', 'employee_satisfaction', 'environment',
      'value_for_business', 'other'])[1 + (idea.id + k.n) % 6],
    30, 10 + idea.id % 5, current_date + (idea.id % 400 - 200)::int, 'Uttrekk hver måned.',
    owner.department_id, (idea.id + k.n) % 3 = 0, now(), now()
  FROM idea
  JOIN idea_department owner ON owner.idea_id = idea.id
  CROSS JOIN (VALUES (1), (2)) AS k(n)
  WHERE idea.status IN ('selected', 'piloting', 'implemented', 'benefits_realised')
    AND idea.id IN (SELECT id FROM made_up);
INSERT INTO kpi_measurement (kpi_id, value, measured_on, source, comment, recorded_at)
  SELECT kpi.id, 30 - (kpi.id % 4) * m.n, current_date - m.n * 30, 'Fagsystemet', '', now()
  FROM kpi CROSS JOIN generate_series(1, 6) AS m(n)
  WHERE kpi.idea_id IN (SELECT id FROM made_up);
INSERT INTO idea_lesson (idea_id, body, public, updated_at)
  SELECT id, 'Det vi lærte av idé ' || id || '.', id % 2 = 0, now() FROM idea
  WHERE status IN ('implemented', 'declined') AND id IN (SELECT id FROM made_up);
COMMIT;
ANALYZE;
SQL
department="$(psql "$database_url" -At -c "SELECT min(id) FROM department")"
goal="$(psql "$database_url" -At -c "SELECT min(id) FROM goal")"

cat > "$work/staff.lua" <<LUA
wrk.headers["Cookie"] = "samskap_session=$token"
LUA
start_server "$database_url" "$work" "$port"
# measure NAME PATH MARKER: wrk on PATH as the staff member, once the page
# answers 200 with MARKER in it.
measure() {
  local name="$1" path="$2" marker="$3" status first p50 p99 rps
  read -r status first < <(curl -s -o "$work/page.html" -w '%{http_code} %{time_total}\n' -H "Cookie: samskap_session=$token" "http://127.0.0.1:$port$path")
  [ "$status" = 200 ] && grep -q "$marker" "$work/page.html" || { echo "$path answered $status" >&2; exit 1; }
  wrk -t2 -c"$connections" -d"$duration" --latency -s "$work/staff.lua" "http://127.0.0.1:$port$path" > "$work/wrk.txt"
  read -r p50 p99 rps < <(wrk_numbers "$work/wrk.txt")
  printf '| %-31s | %6sms | %8s | %8s | %9s |\n' "$name" "$(awk -v s="$first" 'BEGIN { printf "%.0f", s * 1000 }')" "$p50" "$p99" "$rps"
}

# An idea in review with its goal, and the first challenge of the demo data
# set with its goals, read by the same staff member.
reviewed="$(psql "$database_url" -At -c "SELECT min(idea_id) FROM idea_goal")"
planned="$(psql "$database_url" -At -c "SELECT min(idea_id) FROM kpi")"
storied="$(psql "$database_url" -At -c "SELECT min(kpi.idea_id) FROM kpi JOIN idea ON idea.id = kpi.idea_id WHERE kpi.public AND idea.status = 'implemented'")"
echo "| page ($connections connections)             |    first |      p50 |      p99 |   req/s   |"
echo "|---------------------------------|----------|----------|----------|-----------|"
measure "board, every stage" "/admin/pipeline" board__column
measure "board, one department" "/admin/pipeline?department=$department" board__column
measure "board, one focus area" "/admin/pipeline?focus_area=gain" board__column
measure "board, one goal" "/admin/pipeline?goal=$goal" board__column
measure "board, waiting for my score" "/admin/pipeline?waiting=me" board__column
measure "an idea in review, its goals" "/ideas/$reviewed" staff-work
measure "a challenge, its goals" "/challenges/1" '<h1'
measure "board, ranked by benefit" "/admin/pipeline?rank=benefit" board__column
measure "gains dashboard" "/admin/gains" gains-funnel
measure "gains dashboard, one year" "/admin/gains?year=$(date +%Y)" gains-funnel
measure "gains dashboard, one goal" "/admin/gains?goal=$goal" gains-funnel
measure "impact page" "/impact" impact-funnel
measure "a benefit plan" "/ideas/$planned/benefits" kpis-heading
measure "an idea with public KPIs" "/ideas/$storied" benefits-heading
stop_server
