#include "service/shelters.h"
#include "base/array.h"
#include "base/json.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "domain/case_flow.h"
#include "domain/occupancy.h"
#include "service/audit.h"
#include "service/cases.h"
#include "service/policy.h"

#define CAPACITY_MAX 100000
#define BOARD_MAX_DAYS 92
#define BOARD_DEFAULT_DAYS 30


/* A required date: not after the latest date that is today somewhere
 * unless FUTURE_OK, not before NOT_BEFORE (named NOT_BEFORE_NAME) when given. */
static bool check_date(struct lt_problem *p, const char *field, const char *value, bool future_ok,
		       const char *not_before, const char *not_before_name)
{
	char latest[11];
	lt_latest_today(latest);
	return lt_date_check(p, field, value, true, latest, future_ok, not_before, not_before_name);
}

static json_t *places_json(const int64_t v[LT_PLACE_COUNT])
{
	return json_pack("{s:I, s:I, s:I}", "women", (json_int_t)v[LT_PLACE_WOMEN], "men",
			 (json_int_t)v[LT_PLACE_MEN], "children", (json_int_t)v[LT_PLACE_CHILDREN]);
}

/* --- states and stays, loaded for the domain rules --- */

lt_err lt_state_list_push(void *vctx, const struct lt_shelter_state_row *r)
{
	struct lt_state_list *s = vctx;
	if (s->n == s->cap) {
		struct lt_shelter_state *grown = lt_array_grow(s->items, &s->cap, sizeof(*grown), 8);
		if (!grown)
			return LT_ERR_NOMEM;
		s->items = grown;
	}
	struct lt_shelter_state *st = &s->items[s->n++];
	memset(st, 0, sizeof(*st));
	lt_str_copy(st->from, sizeof(st->from), r->valid_from);
	st->specialised = r->specialised;
	st->capacity[LT_PLACE_WOMEN] = r->capacity_women;
	st->capacity[LT_PLACE_MEN] = r->capacity_men;
	st->capacity[LT_PLACE_CHILDREN] = r->capacity_children;
	lt_str_copy(st->licence_until, sizeof(st->licence_until), r->licence_valid_until);
	if (s->history) {
		json_t *o = json_pack("{s:s, s:b, s:o, s:o}", "valid_from", r->valid_from, "specialised",
				      r->specialised, "capacity", places_json(st->capacity),
				      "licence_valid_until", lt_json_str_or_null(r->licence_valid_until));
		if (!o || json_array_append_new(s->history, o))
			return LT_ERR_NOMEM;
	}
	return LT_OK;
}

static lt_err load_states(struct lt_ctx *ctx, int64_t shelter_id, struct lt_state_list *s)
{
	return lt_store_shelter_states(ctx->store, shelter_id, lt_state_list_push, s);
}

lt_err lt_stay_list_push(void *vctx, const struct lt_placement_row *r)
{
	struct lt_stay_list *s = vctx;
	enum lt_place place;
	if (!lt_place_parse(r->place, &place))
		return LT_ERR_INTERNAL;
	if (s->n == s->cap) {
		struct lt_stay *grown = lt_array_grow(s->items, &s->cap, sizeof(*grown), 16);
		if (!grown)
			return LT_ERR_NOMEM;
		s->items = grown;
	}
	struct lt_stay *st = &s->items[s->n++];
	memset(st, 0, sizeof(*st));
	st->place = place;
	lt_str_copy(st->start, sizeof(st->start), r->start_date);
	lt_str_copy(st->end, sizeof(st->end), r->end_date);
	return LT_OK;
}

/* --- shelters --- */

static json_t *shelter_json(const struct lt_shelter_row *r, const struct lt_state_list *st,
			    const int64_t occupied[LT_PLACE_COUNT], const char *day)
{
	int64_t cap[LT_PLACE_COUNT] = {r->capacity_women, r->capacity_men, r->capacity_children};
	const struct lt_shelter_state *now = lt_shelter_state_on(st->items, st->n, day);
	return json_pack("{s:I, s:s, s:{s:I, s:s}, s:b, s:o, s:o, s:b, s:o, s:o}", "id",
			 (json_int_t)r->id, "name", r->name, "organisation", "id",
			 (json_int_t)r->org_id, "name", r->org_name, "specialised", r->specialised,
			 "capacity", places_json(cap), "licence_valid_until",
			 lt_json_str_or_null(r->licence_valid_until), "licensed_today",
			 lt_shelter_licensed_on(now, day), "occupied_today", places_json(occupied),
			 "history", st->history ? json_incref(st->history) : json_array());
}

/* The shelter as the API shows it: current values, today's occupancy and
 * the history of its states. */
static lt_err shelter_render(struct lt_ctx *ctx, const struct lt_shelter_row *r, json_t **out)
{
	char day[11];
	lt_today(day);
	struct lt_state_list st = {NULL, 0, 0, json_array()};
	struct lt_stay_list stays = {0};
	lt_err rc = st.history ? load_states(ctx, r->id, &st) : LT_ERR_NOMEM;
	if (!rc)
		rc = lt_store_shelter_stays(ctx->store, r->id, day, day, lt_stay_list_push, &stays);
	int64_t occupied[LT_PLACE_COUNT] = {0};
	for (size_t i = 0; !rc && i < stays.n; i++)
		if (lt_stay_occupies(&stays.items[i], day))
			occupied[stays.items[i].place]++;
	if (!rc && !(*out = shelter_json(r, &st, occupied, day)))
		rc = LT_ERR_NOMEM;
	json_decref(st.history);
	free(st.items);
	free(stays.items);
	return rc;
}

struct list_acc {
	struct lt_ctx *ctx;
	json_t *items;
};

static lt_err push_shelter(void *vctx, const struct lt_shelter_row *r)
{
	struct list_acc *acc = vctx;
	json_t *o;
	lt_err rc = shelter_render(acc->ctx, r, &o);
	if (rc)
		return rc;
	return json_array_append_new(acc->items, o) ? LT_ERR_NOMEM : LT_OK;
}

lt_err lt_svc_shelter_list(struct lt_ctx *ctx, json_t **out)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_SHELTER_READ, 0);
	if (rc)
		return rc;
	struct list_acc acc = {ctx, json_array()};
	if (!acc.items)
		return LT_ERR_NOMEM;
	if ((rc = lt_store_shelter_list(ctx->store, push_shelter, &acc))) {
		json_decref(acc.items);
		return rc;
	}
	*out = json_pack("{s:o}", "items", acc.items);
	return *out ? LT_OK : LT_ERR_NOMEM;
}

/* The state fields of a shelter body, and which of them it gave. */
struct shelter_input {
	bool has_org, has_name, has_specialised, has_cap[LT_PLACE_COUNT], has_licence;
	int64_t org_id;
	const char *name;
	bool specialised;
	int64_t cap[LT_PLACE_COUNT];
	const char *licence; /* NULL: no licence */
	const char *effective;
};

static const char *const cap_fields[LT_PLACE_COUNT] = {"capacity_women", "capacity_men",
							"capacity_children"};

/* Reads and checks a shelter body; CREATING requires organisation_id and name. */
static lt_err read_shelter_body(struct lt_ctx *ctx, const json_t *body, bool creating,
				struct shelter_input *in)
{
	static const struct lt_json_field fields[] = {
		{"organisation_id", LT_JSON_INTEGER, false, 0},
		{"name", LT_JSON_STRING, false, 160},
		{"specialised", LT_JSON_BOOL, false, 0},
		{"capacity_women", LT_JSON_INTEGER, false, 0},
		{"capacity_men", LT_JSON_INTEGER, false, 0},
		{"capacity_children", LT_JSON_INTEGER, false, 0},
		{"licence_valid_until", LT_JSON_STRING, false, 10},
		{"effective_date", LT_JSON_STRING, false, 10},
	};
	struct lt_problem *p = ctx->problem;
	memset(in, 0, sizeof(*in));
	if (lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p))
		return LT_ERR_INVALID;
	/* null means "no licence" for the licence only; elsewhere it is a mistake */
	static const char *const not_null[] = {"organisation_id", "name", "specialised",
					       "capacity_women", "capacity_men",
					       "capacity_children", "effective_date"};
	for (size_t i = 0; i < LT_ARRAY_LEN(not_null); i++)
		if (json_is_null(json_object_get(body, not_null[i])))
			lt_problem_field(p, not_null[i], "cannot be null; leave it out instead");
	json_t *v;
	if ((v = json_object_get(body, "organisation_id")) && json_is_integer(v)) {
		in->has_org = true;
		in->org_id = json_integer_value(v);
		struct lt_org_row org;
		lt_err rc = in->org_id > 0 ? lt_store_org_get(ctx->store, in->org_id, &org)
					   : LT_ERR_NOT_FOUND;
		if (rc == LT_ERR_NOT_FOUND)
			lt_problem_field(p, "organisation_id", "no organisation has this id");
		else if (rc)
			return rc;
	} else if (creating && !v) {
		lt_problem_field(p, "organisation_id", "is required");
	}
	if ((in->name = lt_json_str(body, "name"))) {
		in->has_name = true;
		if (strspn(in->name, " \t") == strlen(in->name))
			lt_problem_field(p, "name", "must not be empty");
	} else if (creating && !json_object_get(body, "name")) {
		lt_problem_field(p, "name", "is required");
	}
	if ((v = json_object_get(body, "specialised")) && json_is_boolean(v)) {
		in->has_specialised = true;
		in->specialised = json_is_true(v);
	} else if (creating) {
		in->specialised = true;
	}
	for (int i = 0; i < LT_PLACE_COUNT; i++) {
		if (!(v = json_object_get(body, cap_fields[i])) || !json_is_integer(v))
			continue;
		in->has_cap[i] = true;
		in->cap[i] = json_integer_value(v);
		if (in->cap[i] < 0 || in->cap[i] > CAPACITY_MAX)
			lt_problem_field(p, cap_fields[i], "must be a whole number from 0 to %d",
					 CAPACITY_MAX);
	}
	if ((v = json_object_get(body, "licence_valid_until"))) {
		in->has_licence = true;
		in->licence = json_string_value(v);
		if (in->licence)
			check_date(p, "licence_valid_until", in->licence, true, NULL, NULL);
	}
	if ((in->effective = lt_json_str(body, "effective_date")))
		check_date(p, "effective_date", in->effective, false, NULL, NULL);
	return p->nfields ? LT_ERR_INVALID : LT_OK;
}

static bool changes_state(const struct shelter_input *in)
{
	return in->has_specialised || in->has_cap[0] || in->has_cap[1] || in->has_cap[2] ||
	       in->has_licence;
}

/* Writes the shelter's current values as its state from DAY on, and the
 * audit row describing the change. */
static lt_err record_state(struct lt_ctx *ctx, const struct lt_shelter_row *r, const char *day,
			   const char *action, const char *also)
{
	struct lt_shelter_state_row st;
	memset(&st, 0, sizeof(st));
	st.shelter_id = r->id;
	lt_str_copy(st.valid_from, sizeof(st.valid_from), day);
	st.specialised = r->specialised;
	st.capacity_women = r->capacity_women;
	st.capacity_men = r->capacity_men;
	st.capacity_children = r->capacity_children;
	lt_str_copy(st.licence_valid_until, sizeof(st.licence_valid_until), r->licence_valid_until);
	st.recorded_at = lt_now();
	st.recorded_by = ctx->actor.user_id;
	lt_err rc = lt_store_shelter_state_put(ctx->store, &st);
	if (rc)
		return rc;
	char detail[128];
	snprintf(detail, sizeof(detail), "from=%s women=%lld men=%lld children=%lld licence=%s spec=%d%s",
		 day, (long long)r->capacity_women, (long long)r->capacity_men,
		 (long long)r->capacity_children,
		 r->licence_valid_until[0] ? r->licence_valid_until : "none", r->specialised ? 1 : 0,
		 also);
	return lt_audit_append(ctx, action, "shelter", r->id, "ok", detail);
}

static lt_err name_taken(struct lt_ctx *ctx, const char *name)
{
	return lt_problem_field(ctx->problem, "name", "another shelter is already called '%.60s'", name);
}

lt_err lt_svc_shelter_create(struct lt_ctx *ctx, const json_t *body, json_t **out)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_SHELTER_ADMIN, 0);
	if (rc)
		return rc;
	struct shelter_input in;
	if ((rc = read_shelter_body(ctx, body, true, &in)))
		return rc;
	struct lt_shelter_row r;
	memset(&r, 0, sizeof(r));
	r.org_id = in.org_id;
	lt_str_copy(r.name, sizeof(r.name), in.name);
	r.specialised = in.specialised;
	r.capacity_women = in.cap[LT_PLACE_WOMEN];
	r.capacity_men = in.cap[LT_PLACE_MEN];
	r.capacity_children = in.cap[LT_PLACE_CHILDREN];
	lt_str_copy(r.licence_valid_until, sizeof(r.licence_valid_until), in.licence ? in.licence : "");
	r.created_at = lt_now();
	char day[11];
	lt_today(day);
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	rc = lt_store_shelter_insert(ctx->store, &r, &r.id);
	if (rc == LT_ERR_CONFLICT)
		rc = name_taken(ctx, r.name);
	if (!rc)
		rc = record_state(ctx, &r, in.effective ? in.effective : day, "shelter.create", "");
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	if ((rc = lt_store_shelter_get(ctx->store, r.id, &r)))
		return rc;
	return shelter_render(ctx, &r, out);
}

lt_err lt_svc_shelter_update(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_SHELTER_ADMIN, 0);
	if (rc)
		return rc;
	struct shelter_input in;
	if ((rc = read_shelter_body(ctx, body, false, &in)))
		return rc;
	char day[11];
	lt_today(day);
	struct lt_state_list st = {0};
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	struct lt_shelter_row r;
	rc = lt_store_shelter_get(ctx->store, id, &r);
	if (rc == LT_ERR_NOT_FOUND)
		rc = lt_problem_set(ctx->problem, LT_ERR_NOT_FOUND, "No such shelter.");
	if (!rc)
		rc = load_states(ctx, id, &st);
	const char *from = in.effective ? in.effective : day;
	if (!rc && changes_state(&in) && st.n && strcmp(from, st.items[st.n - 1].from) < 0)
		rc = lt_problem_field(ctx->problem, "effective_date",
				      "cannot be before the last recorded change (%s): history is "
				      "recorded in order",
				      st.items[st.n - 1].from);
	if (rc)
		goto done;
	char also[48] = "";
	if (in.has_org && in.org_id != r.org_id) {
		r.org_id = in.org_id;
		lt_str_copy(also + strlen(also), sizeof(also) - strlen(also), " org");
	}
	if (in.has_name && strcmp(in.name, r.name)) {
		lt_str_copy(r.name, sizeof(r.name), in.name);
		lt_str_copy(also + strlen(also), sizeof(also) - strlen(also), " name");
	}
	if (in.has_specialised)
		r.specialised = in.specialised;
	if (in.has_cap[LT_PLACE_WOMEN])
		r.capacity_women = in.cap[LT_PLACE_WOMEN];
	if (in.has_cap[LT_PLACE_MEN])
		r.capacity_men = in.cap[LT_PLACE_MEN];
	if (in.has_cap[LT_PLACE_CHILDREN])
		r.capacity_children = in.cap[LT_PLACE_CHILDREN];
	if (in.has_licence)
		lt_str_copy(r.licence_valid_until, sizeof(r.licence_valid_until),
			    in.licence ? in.licence : "");
	rc = lt_store_shelter_update(ctx->store, &r);
	if (rc == LT_ERR_CONFLICT)
		rc = name_taken(ctx, r.name);
	if (!rc && changes_state(&in))
		rc = record_state(ctx, &r, from, "shelter.update", also);
	else if (!rc)
		rc = lt_audit_append(ctx, "shelter.update", "shelter", id, "ok",
				     also[0] ? also + 1 : "unchanged");
	if (!rc)
		rc = lt_ctx_commit(ctx);
done:
	free(st.items);
	if (rc) {
		lt_store_rollback(ctx->store);
		return rc;
	}
	if ((rc = lt_store_shelter_get(ctx->store, id, &r)))
		return rc;
	return shelter_render(ctx, &r, out);
}

/* --- the board --- */

struct board {
	struct lt_ctx *ctx;
	const char *from, *to;
	size_t ndays;
	json_t *shelters;
	int64_t scope_org; /* -1: list no case; 0: every case; else this organisation's */
	json_t *items;
	int64_t hidden;
	struct lt_turn_away_tally tally;
	/* turn-aways per shelter, filled before the shelters are rendered */
	int64_t *ta_shelter;
	size_t nta, ta_cap;
};

static lt_err push_turn_away(void *vctx, const struct lt_turn_away_row *r)
{
	struct board *b = vctx;
	lt_turn_away_add(&b->tally, r->reason, r->alternative);
	if (r->shelter_id) {
		if (b->nta == b->ta_cap) {
			int64_t *grown = lt_array_grow(b->ta_shelter, &b->ta_cap, sizeof(*grown), 32);
			if (!grown)
				return LT_ERR_NOMEM;
			b->ta_shelter = grown;
		}
		b->ta_shelter[b->nta++] = r->shelter_id;
	}
	if (b->scope_org < 0 || (b->scope_org && r->org_id != b->scope_org)) {
		b->hidden++;
		return LT_OK;
	}
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o}", "case_id", (json_int_t)r->case_id,
			      "case_number", r->case_number, "date", r->date, "reason", r->reason,
			      "alternative", r->alternative, "shelter_id",
			      r->shelter_id ? json_integer(r->shelter_id) : json_null());
	return o && !json_array_append_new(b->items, o) ? LT_OK : LT_ERR_NOMEM;
}

static lt_err push_board_shelter(void *vctx, const struct lt_shelter_row *r)
{
	struct board *b = vctx;
	struct lt_state_list st = {0};
	struct lt_stay_list stays = {0};
	struct lt_occupancy_day *days = calloc(b->ndays, sizeof(*days));
	json_t *arr = json_array();
	lt_err rc = days && arr ? load_states(b->ctx, r->id, &st) : LT_ERR_NOMEM;
	if (!rc)
		rc = lt_store_shelter_stays(b->ctx->store, r->id, b->from, b->to, lt_stay_list_push, &stays);
	if (!rc)
		rc = lt_occupancy_days(st.items, st.n, stays.items, stays.n, b->from, b->ndays, days);
	for (size_t d = 0; !rc && d < b->ndays; d++) {
		json_t *o = json_pack("{s:s, s:I, s:I, s:I, s:b, s:o}", "date", days[d].date, "women",
				      (json_int_t)days[d].occupied[LT_PLACE_WOMEN], "men",
				      (json_int_t)days[d].occupied[LT_PLACE_MEN], "children",
				      (json_int_t)days[d].occupied[LT_PLACE_CHILDREN], "licensed",
				      days[d].licensed, "capacity", places_json(days[d].capacity));
		if (!o || json_array_append_new(arr, o))
			rc = LT_ERR_NOMEM;
	}
	int64_t turned = 0;
	for (size_t i = 0; i < b->nta; i++)
		turned += b->ta_shelter[i] == r->id;
	int64_t cap[LT_PLACE_COUNT] = {r->capacity_women, r->capacity_men, r->capacity_children};
	json_t *o = NULL;
	if (!rc) {
		o = json_pack("{s:I, s:s, s:{s:I, s:s}, s:b, s:o, s:o, s:I, s:O}", "id",
			      (json_int_t)r->id, "name", r->name, "organisation", "id",
			      (json_int_t)r->org_id, "name", r->org_name, "specialised",
			      r->specialised, "licence_valid_until",
			      lt_json_str_or_null(r->licence_valid_until), "capacity", places_json(cap),
			      "turn_aways", (json_int_t)turned, "days", arr);
		if (!o || json_array_append_new(b->shelters, o))
			rc = LT_ERR_NOMEM;
	}
	json_decref(arr);
	free(days);
	free(st.items);
	free(stays.items);
	return rc;
}

static json_t *tally_json(const struct lt_turn_away_tally *t)
{
	json_t *reasons = json_object(), *alts = json_object();
	for (int i = 0; i < LT_TURN_AWAY_COUNT; i++)
		json_object_set_new(reasons, lt_turn_away_name((enum lt_turn_away)i),
				    json_integer(t->by_reason[i]));
	for (int i = 0; i < LT_ALT_COUNT; i++)
		json_object_set_new(alts, lt_alternative_name((enum lt_alternative)i),
				    json_integer(t->by_alternative[i]));
	return json_pack("{s:I, s:o, s:o}", "total", (json_int_t)t->total, "by_reason", reasons,
			 "by_alternative", alts);
}

lt_err lt_svc_shelter_board(struct lt_ctx *ctx, const char *from, const char *to, json_t **out)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_SHELTER_READ, 0);
	if (rc)
		return rc;
	struct lt_problem *p = ctx->problem;
	char day[11], from_buf[11], to_buf[11];
	lt_today(day);
	bool ok = true;
	if (to)
		ok &= check_date(p, "query.to", to, true, NULL, NULL);
	if (from)
		ok &= check_date(p, "query.from", from, true, NULL, NULL);
	if (!ok)
		return LT_ERR_INVALID;
	if (!to)
		lt_str_copy(to_buf, sizeof(to_buf), day);
	else
		lt_str_copy(to_buf, sizeof(to_buf), to);
	if (!from)
		lt_date_add_days(to_buf, -(BOARD_DEFAULT_DAYS - 1), from_buf);
	else
		lt_str_copy(from_buf, sizeof(from_buf), from);
	int64_t span = lt_date_diff_days(from_buf, to_buf) + 1;
	if (span < 1)
		return lt_problem_field(p, "query.to", "cannot be before query.from (%s)", from_buf);
	if (span > BOARD_MAX_DAYS)
		return lt_problem_field(p, "query.to", "makes the board %lld days long (query.from to "
						       "query.to, both included); it shows at most %d days",
					(long long)span, BOARD_MAX_DAYS);
	struct board b;
	memset(&b, 0, sizeof(b));
	b.ctx = ctx;
	b.from = from_buf;
	b.to = to_buf;
	b.ndays = (size_t)span;
	b.shelters = json_array();
	b.items = json_array();
	enum lt_scope scope = lt_policy_scope(&ctx->actor, LT_ACT_CASE_READ);
	b.scope_org = scope == LT_SCOPE_ALL ? 0 : scope == LT_SCOPE_OWN_ORG ? ctx->actor.org.id : -1;
	rc = b.shelters && b.items ? LT_OK : LT_ERR_NOMEM;
	if (!rc)
		rc = lt_store_turn_aways(ctx->store, b.from, b.to, push_turn_away, &b);
	if (!rc)
		rc = lt_store_shelter_list(ctx->store, push_board_shelter, &b);
	if (!rc) {
		json_t *ta = tally_json(&b.tally);
		if (ta) {
			json_object_set(ta, "items", b.items);
			json_object_set_new(ta, "items_hidden", json_integer(b.hidden));
		}
		*out = ta ? json_pack("{s:s, s:s, s:O, s:o}", "from", b.from, "to", b.to, "shelters",
				      b.shelters, "turn_aways", ta)
			  : NULL;
		if (!*out)
			rc = LT_ERR_NOMEM;
	}
	char detail[48];
	snprintf(detail, sizeof(detail), "cases=%zu", json_array_size(b.items));
	json_decref(b.shelters);
	json_decref(b.items);
	free(b.ta_shelter);
	if (!rc && (rc = lt_audit_record(ctx, "shelter.board", NULL, 0, "ok", detail))) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

/* --- placements --- */

static lt_err push_placement(void *vctx, const struct lt_placement_row *r)
{
	json_t *arr = vctx;
	json_t *shelter = r->shelter_id ? json_pack("{s:I, s:s, s:b}", "id", (json_int_t)r->shelter_id,
						    "name", r->shelter_name, "specialised",
						    r->shelter_specialised)
					: json_null();
	json_t *turned = r->turn_away_shelter_id
				 ? json_pack("{s:I, s:s}", "id", (json_int_t)r->turn_away_shelter_id,
					     "name", r->turn_away_shelter_name)
				 : json_null();
	json_t *o = json_pack("{s:I, s:o, s:s, s:s, s:o, s:o, s:o, s:o}", "id", (json_int_t)r->id,
			      "shelter", shelter, "place", r->place, "start_date", r->start_date,
			      "end_date", lt_json_str_or_null(r->end_date), "alternative",
			      lt_json_str_or_null(r->alternative), "turn_away_reason",
			      lt_json_str_or_null(r->turn_away_reason), "turn_away_shelter", turned);
	return o && !json_array_append_new(arr, o) ? LT_OK : LT_ERR_NOMEM;
}

lt_err lt_placements_json(struct lt_ctx *ctx, int64_t case_id, json_t *obj)
{
	json_t *arr = json_array();
	if (!arr)
		return LT_ERR_NOMEM;
	lt_err rc = lt_store_placement_list(ctx->store, case_id, push_placement, arr);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	return json_object_set_new(obj, "placements", arr) ? LT_ERR_NOMEM : LT_OK;
}

/* Finds a placement of the case that shares a day with [START, END). */
struct clash {
	const char *start, *end;
	struct lt_placement_row found;
	bool any;
};

static lt_err find_clash(void *vctx, const struct lt_placement_row *r)
{
	struct clash *c = vctx;
	if (!c->any && lt_stays_overlap(c->start, c->end, r->start_date, r->end_date)) {
		c->found = *r;
		c->any = true;
	}
	return LT_OK;
}

struct placement_input {
	int64_t shelter_id, turn_away_shelter_id;
	enum lt_place place;
	const char *place_name, *start, *end, *alternative, *reason;
};

static lt_err read_placement_body(struct lt_ctx *ctx, const struct lt_case_row *c,
				  const json_t *body, struct placement_input *in)
{
	static const struct lt_json_field fields[] = {
		{"shelter_id", LT_JSON_INTEGER, false, 0},
		{"place", LT_JSON_STRING, true, 16},
		{"start_date", LT_JSON_STRING, true, 10},
		{"end_date", LT_JSON_STRING, false, 10},
		{"alternative", LT_JSON_STRING, false, 32},
		{"turn_away_reason", LT_JSON_STRING, false, 16},
		{"turn_away_shelter_id", LT_JSON_INTEGER, false, 0},
	};
	struct lt_problem *p = ctx->problem;
	memset(in, 0, sizeof(*in));
	if (lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p))
		return LT_ERR_INVALID;
	in->shelter_id = json_integer_value(json_object_get(body, "shelter_id"));
	in->turn_away_shelter_id = json_integer_value(json_object_get(body, "turn_away_shelter_id"));
	in->place_name = lt_json_str(body, "place");
	in->start = lt_json_str(body, "start_date");
	in->end = lt_json_str(body, "end_date");
	in->alternative = lt_json_str(body, "alternative");
	in->reason = lt_json_str(body, "turn_away_reason");
	if (!lt_place_parse(in->place_name, &in->place))
		lt_problem_field(p, "place", "must be one of: women, men, children");
	bool start_ok = check_date(p, "start_date", in->start, false, c->referral_date,
				   "referral date");
	if (in->end)
		check_date(p, "end_date", in->end, false, start_ok ? in->start : NULL, "start date");
	const json_t *sid = json_object_get(body, "shelter_id");
	bool has_shelter = sid && !json_is_null(sid);
	struct lt_shelter_row s;
	if (in->alternative) {
		enum lt_alternative a;
		enum lt_turn_away r;
		if (has_shelter)
			lt_problem_field(p, "alternative",
					 "is for when no shelter took the person; give either "
					 "shelter_id or alternative");
		if (!lt_alternative_parse(in->alternative, &a))
			lt_problem_field(p, "alternative",
					 "must be one of: ngo_accommodation, social_welfare_shelter, "
					 "other");
		if (!in->reason)
			lt_problem_field(p, "turn_away_reason",
					 "is required with an alternative: one of full, unlicensed, "
					 "wrong_sex, other");
		else if (!lt_turn_away_parse(in->reason, &r))
			lt_problem_field(p, "turn_away_reason",
					 "must be one of: full, unlicensed, wrong_sex, other");
		if (in->turn_away_shelter_id) {
			lt_err rc = in->turn_away_shelter_id > 0
					    ? lt_store_shelter_get(ctx->store, in->turn_away_shelter_id, &s)
					    : LT_ERR_NOT_FOUND;
			if (rc == LT_ERR_NOT_FOUND)
				lt_problem_field(p, "turn_away_shelter_id", "no shelter has this id");
			else if (rc)
				return rc;
		}
	} else {
		if (!has_shelter)
			lt_problem_field(p, "shelter_id",
					 "is required, unless no shelter took the person: then give "
					 "alternative and turn_away_reason");
		if (in->reason)
			lt_problem_field(p, "turn_away_reason", "is only for an alternative");
		if (in->turn_away_shelter_id)
			lt_problem_field(p, "turn_away_shelter_id", "is only for an alternative");
		if (has_shelter) {
			lt_err rc = in->shelter_id > 0
					    ? lt_store_shelter_get(ctx->store, in->shelter_id, &s)
					    : LT_ERR_NOT_FOUND;
			if (rc == LT_ERR_NOT_FOUND)
				lt_problem_field(p, "shelter_id", "no shelter has this id");
			else if (rc)
				return rc;
		}
	}
	return p->nfields ? LT_ERR_INVALID : LT_OK;
}

/* Decides whether the shelter takes the person; on a refusal sets the
 * problem (409) and REFUSAL. Runs inside the transaction, so that two
 * workers cannot both take the last place. */
static lt_err check_shelter(struct lt_ctx *ctx, const struct lt_case_row *c,
			    const struct placement_input *in, struct lt_placement_refusal *refusal)
{
	struct lt_shelter_row s;
	struct lt_person_row person;
	lt_err rc = lt_store_shelter_get(ctx->store, in->shelter_id, &s);
	if (!rc)
		rc = lt_store_person_get(ctx->store, c->person_id, ctx->arena, &person);
	if (rc)
		return rc;
	char day[11];
	lt_today(day);
	struct lt_state_list st = {0};
	struct lt_stay_list stays = {0};
	rc = load_states(ctx, s.id, &st);
	if (!rc)
		rc = lt_store_shelter_stays(ctx->store, s.id, in->start,
					    in->end && strcmp(in->end, day) > 0 ? in->end : day,
					    lt_stay_list_push, &stays);
	struct lt_placement_ask ask = {in->place, person.sex, c->is_child, in->start, in->end, day};
	struct lt_refusal no;
	if (!rc)
		rc = lt_placement_check(st.items, st.n, stays.items, stays.n, &ask, &no);
	free(st.items);
	free(stays.items);
	if (rc || !no.refused)
		return rc;
	const char *code = lt_turn_away_name(no.reason);
	lt_str_copy(refusal->reason, sizeof(refusal->reason), code);
	refusal->shelter_id = s.id;
	return lt_problem_set(ctx->problem, LT_ERR_CONFLICT,
			      "%.80s cannot take this person: %s. Record where the person went "
			      "instead: the same request with alternative (ngo_accommodation, "
			      "social_welfare_shelter or other), turn_away_reason \"%s\" and "
			      "turn_away_shelter_id %lld in place of shelter_id.",
			      s.name, no.why, code, (long long)s.id);
}

lt_err lt_svc_placement_create(struct lt_ctx *ctx, int64_t case_id, const json_t *body,
			       struct lt_placement_refusal *refusal, json_t **out)
{
	memset(refusal, 0, sizeof(*refusal));
	struct lt_case_row c;
	struct lt_case_share share;
	lt_err rc = lt_case_load_authorized(ctx, case_id, LT_ACT_CASE_ASSIST, &c, &share);
	if (rc)
		return rc;
	struct placement_input in;
	if ((rc = read_placement_body(ctx, &c, body, &in)))
		return rc;
	if ((rc = lt_case_check_not_after_close(ctx, &c, in.start, "a placement")))
		return rc;
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	struct clash clash = {in.start, in.end, {0}, false};
	rc = lt_store_placement_list(ctx->store, case_id, find_clash, &clash);
	if (!rc && clash.any)
		rc = lt_problem_set(ctx->problem, LT_ERR_CONFLICT,
				    "The case already has a placement (%lld) from %s%s%s that shares "
				    "days with this one; end it first (a stay ends on the day the "
				    "person leaves).",
				    (long long)clash.found.id, clash.found.start_date,
				    clash.found.end_date[0] ? " to " : " with no end date",
				    clash.found.end_date);
	if (!rc && !in.alternative)
		rc = check_shelter(ctx, &c, &in, refusal);
	struct lt_placement_row r;
	memset(&r, 0, sizeof(r));
	r.case_id = case_id;
	r.shelter_id = in.alternative ? 0 : in.shelter_id;
	lt_str_copy(r.place, sizeof(r.place), in.place_name);
	lt_str_copy(r.start_date, sizeof(r.start_date), in.start);
	lt_str_copy(r.end_date, sizeof(r.end_date), in.end ? in.end : "");
	lt_str_copy(r.alternative, sizeof(r.alternative), in.alternative ? in.alternative : "");
	lt_str_copy(r.turn_away_reason, sizeof(r.turn_away_reason), in.reason ? in.reason : "");
	r.turn_away_shelter_id = in.turn_away_shelter_id;
	r.created_at = lt_now();
	r.created_by = ctx->actor.user_id;
	int64_t pid = 0;
	if (!rc)
		rc = lt_store_placement_insert(ctx->store, &r, &pid);
	json_t *detail = NULL;
	char audit[128];
	if (in.alternative) {
		detail = json_pack("{s:I, s:s, s:s, s:s, s:o}", "placement_id", (json_int_t)pid, "place",
				   r.place, "alternative", r.alternative, "turn_away_reason",
				   r.turn_away_reason, "turn_away_shelter_id",
				   r.turn_away_shelter_id ? json_integer(r.turn_away_shelter_id)
							  : json_null());
		snprintf(audit, sizeof(audit), "placement=%lld alternative=%s reason=%s", (long long)pid,
			 r.alternative, r.turn_away_reason);
	} else {
		detail = json_pack("{s:I, s:s, s:I}", "placement_id", (json_int_t)pid, "place", r.place,
				   "shelter_id", (json_int_t)r.shelter_id);
		snprintf(audit, sizeof(audit), "placement=%lld shelter=%lld", (long long)pid,
			 (long long)r.shelter_id);
	}
	if (!rc)
		rc = lt_case_event(ctx, case_id, "placement", in.alternative ? "alternative" : "placed",
				   NULL, NULL, r.start_date, NULL, detail);
	else
		json_decref(detail);
	if (!rc)
		rc = lt_audit_append(ctx, "case.placement", "case", case_id, "ok", audit);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return lt_case_json(ctx, case_id, out);
}

lt_err lt_svc_placement_end(struct lt_ctx *ctx, int64_t case_id, int64_t placement_id,
			    const json_t *body, json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"end_date", LT_JSON_STRING, true, 10},
	};
	struct lt_case_row c;
	struct lt_case_share share;
	lt_err rc = lt_case_load_authorized(ctx, case_id, LT_ACT_CASE_ASSIST, &c, &share);
	if (rc)
		return rc;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, ctx->problem)))
		return rc;
	struct lt_placement_row r;
	rc = lt_store_placement_get(ctx->store, placement_id, &r);
	if (rc == LT_ERR_NOT_FOUND || (!rc && r.case_id != case_id))
		return lt_problem_set(ctx->problem, LT_ERR_NOT_FOUND, "No such placement on this case.");
	if (rc)
		return rc;
	const char *end = lt_json_str(body, "end_date");
	if (!check_date(ctx->problem, "end_date", end, false, r.start_date, "start date"))
		return LT_ERR_INVALID;
	if (r.end_date[0])
		return lt_problem_set(ctx->problem, LT_ERR_CONFLICT,
				      "This placement already ended on %s.", r.end_date);
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	/* A later placement of the same case may have started meanwhile only if
	 * this one was open; ending it cannot create an overlap, only remove one. */
	rc = lt_store_placement_set_end(ctx->store, placement_id, end);
	if (!rc)
		rc = lt_case_event(ctx, case_id, "placement", "ended", NULL, NULL, end, NULL,
				   json_pack("{s:I}", "placement_id", (json_int_t)placement_id));
	char audit[64];
	snprintf(audit, sizeof(audit), "placement=%lld ended", (long long)placement_id);
	if (!rc)
		rc = lt_audit_append(ctx, "case.placement", "case", case_id, "ok", audit);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return lt_case_json(ctx, case_id, out);
}
