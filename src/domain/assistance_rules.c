#include "domain/assistance_rules.h"
#include "domain/case_flow.h"

static bool in_list(const char *const *list, size_t n, const char *code)
{
	if (!code)
		return false;
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], code) == 0)
			return true;
	return false;
}

static bool empty(const char *s)
{
	return !s || !*s;
}


/* --- reflection periods --- */

static const char *const refusal_grounds[] = {"public_order", "improper_claim", "other"};
static const char *const end_grounds[] = {"public_order", "improper_claim", "victim_request",
					  "residence_granted", "other"};

bool lt_reflection_refusal_ground_valid(const char *code)
{
	return in_list(refusal_grounds, LT_ARRAY_LEN(refusal_grounds), code);
}

const char *lt_reflection_refusal_grounds(void)
{
	return "public_order, improper_claim, other";
}

bool lt_reflection_end_ground_valid(const char *code)
{
	return in_list(end_grounds, LT_ARRAY_LEN(end_grounds), code);
}

const char *lt_reflection_end_grounds(void)
{
	return "public_order, improper_claim, victim_request, residence_granted, other";
}

void lt_reflection_default_end(const char *start, int min_days, char out[11])
{
	if (!lt_date_valid(start)) {
		out[0] = '\0';
		return;
	}
	lt_date_add_days(start, min_days, out);
}

void lt_reflection_measure(const char *start, const char *planned_end, const char *actual_end,
			   int min_days, struct lt_reflection_measure *out)
{
	memset(out, 0, sizeof(*out));
	out->planned_days = out->actual_days = -1;
	bool has_start = lt_date_valid(start);
	if (has_start && lt_date_valid(planned_end))
		out->planned_days = lt_date_diff_days(start, planned_end);
	if (has_start && lt_date_valid(actual_end))
		out->actual_days = lt_date_diff_days(start, actual_end);
	int64_t length = out->actual_days >= 0 ? out->actual_days : out->planned_days;
	out->shorter_than_minimum = length >= 0 && length < min_days;
	out->ended_early = out->actual_days >= 0 && lt_date_valid(planned_end) &&
			   strcmp(actual_end, planned_end) < 0;
	out->needs_grounds = out->actual_days >= 0 && (out->actual_days < min_days || out->ended_early);
}

/* --- services --- */

static const char *const service_status_names[] = {
	[LT_SERVICE_PLANNED] = "planned",     [LT_SERVICE_ACTIVE] = "active",
	[LT_SERVICE_COMPLETED] = "completed", [LT_SERVICE_REFUSED] = "refused",
	[LT_SERVICE_STOPPED] = "stopped",
};
static const char *const stop_reasons[] = {"completed_goals", "victim_request", "moved",
					   "cooperation_declined", "other"};

const char *lt_service_status_name(enum lt_service_status status)
{
	return (size_t)status < LT_ARRAY_LEN(service_status_names) ? service_status_names[status]
								   : "invalid";
}

enum lt_service_status lt_service_status_parse(const char *name)
{
	for (size_t i = 0; name && i < LT_ARRAY_LEN(service_status_names); i++)
		if (strcmp(service_status_names[i], name) == 0)
			return (enum lt_service_status)i;
	return LT_SERVICE_STATUS_INVALID;
}

const char *lt_service_statuses(void)
{
	return "planned, active, completed, refused, stopped";
}

bool lt_service_stop_reason_valid(const char *code)
{
	return in_list(stop_reasons, LT_ARRAY_LEN(stop_reasons), code);
}

const char *lt_service_stop_reasons(void)
{
	return "completed_goals, victim_request, moved, cooperation_declined, other";
}

lt_err lt_service_move(enum lt_service_status from, enum lt_service_status to, char *why,
		       size_t why_cap)
{
	if (from >= LT_SERVICE_STATUS_INVALID || to >= LT_SERVICE_STATUS_INVALID)
		return LT_ERR_INVALID;
	if (from == to)
		return LT_OK;
	switch (from) {
	case LT_SERVICE_PLANNED:
		return LT_OK; /* it may start, be refused, be called off, or be recorded as done */
	case LT_SERVICE_ACTIVE:
		if (to == LT_SERVICE_COMPLETED || to == LT_SERVICE_STOPPED)
			return LT_OK;
		snprintf(why, why_cap,
			 to == LT_SERVICE_REFUSED
				 ? "An active service has started, so it cannot be refused; record it "
				   "as stopped, with the reason."
				 : "An active service cannot go back to planned; it is completed or "
				   "stopped.");
		return LT_ERR_CONFLICT;
	case LT_SERVICE_COMPLETED:
	case LT_SERVICE_REFUSED:
	case LT_SERVICE_STOPPED:
		snprintf(why, why_cap,
			 "The service is %s, which is final; record a new service if it is offered "
			 "again.",
			 lt_service_status_name(from));
		return LT_ERR_CONFLICT;
	case LT_SERVICE_STATUS_INVALID:
		break;
	}
	return LT_ERR_INVALID;
}

bool lt_service_check(const struct lt_service_facts *f, const char *today, struct lt_problem *p)
{
	size_t before = p->nfields;
	const char *name = lt_service_status_name(f->status);
	bool planned = f->status == LT_SERVICE_PLANNED;
	bool needs_start = f->status == LT_SERVICE_ACTIVE || f->status == LT_SERVICE_COMPLETED;
	bool needs_end = f->status == LT_SERVICE_COMPLETED || f->status == LT_SERVICE_STOPPED ||
			 f->status == LT_SERVICE_REFUSED;
	bool needs_reason = f->status == LT_SERVICE_STOPPED || f->status == LT_SERVICE_REFUSED;
	bool open = planned || f->status == LT_SERVICE_ACTIVE;

	const char *start = empty(f->start_date) ? NULL : f->start_date;
	const char *end = empty(f->end_date) ? NULL : f->end_date;
	if (!start && needs_start)
		lt_problem_field(p, "start_date", "is required when the status is %s", name);
	bool start_ok = lt_date_check(p, "start_date", start, false, today, planned, NULL,
					     NULL);
	if (end && open)
		lt_problem_field(p, "end_date", "is not taken while the service is %s", name);
	else if (!end && needs_end)
		lt_problem_field(p, "end_date", "is required when the status is %s", name);
	else
		lt_date_check(p, "end_date", end, false, today, false,
				     start_ok ? start : NULL, "start date");

	const char *reason = empty(f->stop_reason) ? NULL : f->stop_reason;
	if (reason && !lt_service_stop_reason_valid(reason))
		lt_problem_field(p, "stop_reason", "must be one of: %s", lt_service_stop_reasons());
	else if (reason && open)
		lt_problem_field(p, "stop_reason", "is not taken while the service is %s", name);
	else if (!reason && needs_reason)
		lt_problem_field(p, "stop_reason", "is required when the status is %s: one of %s",
				 name, lt_service_stop_reasons());

	if (f->has_consent)
		lt_date_check(p, "consent.date", f->consent_date, true, today, false, NULL,
				     NULL);
	return p->nfields == before;
}

bool lt_service_consent_missing(enum lt_service_status status, const char *start_date,
				bool has_consent)
{
	if (has_consent)
		return false;
	switch (status) {
	case LT_SERVICE_ACTIVE:
	case LT_SERVICE_COMPLETED:
		return true;
	case LT_SERVICE_STOPPED:
		return !empty(start_date); /* it was delivered for a while */
	default:
		return false;
	}
}

/* --- referrals --- */

static const char *const referral_status_names[] = {
	[LT_REFERRAL_SENT] = "sent",           [LT_REFERRAL_ACCEPTED] = "accepted",
	[LT_REFERRAL_REJECTED] = "rejected",   [LT_REFERRAL_COMPLETED] = "completed",
	[LT_REFERRAL_REVOKED] = "revoked",
};
static const char *const referral_act_names[] = {
	[LT_REFERRAL_ACT_ACCEPT] = "accept",
	[LT_REFERRAL_ACT_REJECT] = "reject",
	[LT_REFERRAL_ACT_COMPLETE] = "complete",
	[LT_REFERRAL_ACT_REVOKE] = "revoke",
};

const char *lt_referral_status_name(enum lt_referral_status status)
{
	return (size_t)status < LT_ARRAY_LEN(referral_status_names) ? referral_status_names[status]
								    : "invalid";
}

enum lt_referral_status lt_referral_status_parse(const char *name)
{
	for (size_t i = 0; name && i < LT_ARRAY_LEN(referral_status_names); i++)
		if (strcmp(referral_status_names[i], name) == 0)
			return (enum lt_referral_status)i;
	return LT_REFERRAL_STATUS_INVALID;
}

const char *lt_referral_act_name(enum lt_referral_act act)
{
	return (size_t)act < LT_ARRAY_LEN(referral_act_names) ? referral_act_names[act] : "invalid";
}

enum lt_referral_act lt_referral_act_parse(const char *name)
{
	for (size_t i = 0; name && i < LT_ARRAY_LEN(referral_act_names); i++)
		if (strcmp(referral_act_names[i], name) == 0)
			return (enum lt_referral_act)i;
	return LT_REFERRAL_ACT_INVALID;
}

bool lt_referral_act_by_sender(enum lt_referral_act act)
{
	return act == LT_REFERRAL_ACT_REVOKE;
}

lt_err lt_referral_move(enum lt_referral_status from, enum lt_referral_act act,
			enum lt_referral_status *to, char *why, size_t why_cap)
{
	static const enum lt_referral_status result[] = {
		[LT_REFERRAL_ACT_ACCEPT] = LT_REFERRAL_ACCEPTED,
		[LT_REFERRAL_ACT_REJECT] = LT_REFERRAL_REJECTED,
		[LT_REFERRAL_ACT_COMPLETE] = LT_REFERRAL_COMPLETED,
		[LT_REFERRAL_ACT_REVOKE] = LT_REFERRAL_REVOKED,
	};
	if ((size_t)act >= LT_ARRAY_LEN(result) || from >= LT_REFERRAL_STATUS_INVALID)
		return LT_ERR_INVALID;
	bool ok = false;
	switch (from) {
	case LT_REFERRAL_SENT:
		ok = act != LT_REFERRAL_ACT_COMPLETE;
		break;
	case LT_REFERRAL_ACCEPTED:
		ok = act == LT_REFERRAL_ACT_COMPLETE || act == LT_REFERRAL_ACT_REVOKE;
		break;
	default:
		break;
	}
	if (ok) {
		*to = result[act];
		return LT_OK;
	}
	const char *from_name = lt_referral_status_name(from);
	if (from == LT_REFERRAL_SENT)
		snprintf(why, why_cap,
			 "The referral has not been accepted yet; only an accepted referral can be "
			 "completed.");
	else if (from == LT_REFERRAL_ACCEPTED)
		snprintf(why, why_cap,
			 "The referral is already accepted; it can now only be completed or revoked.");
	else
		snprintf(why, why_cap, "The referral is %s, which is final; send a new one if needed.",
			 from_name);
	return LT_ERR_CONFLICT;
}

bool lt_referral_shares_case(enum lt_referral_status status)
{
	return status == LT_REFERRAL_SENT || status == LT_REFERRAL_ACCEPTED ||
	       status == LT_REFERRAL_COMPLETED;
}

bool lt_referral_is_live(enum lt_referral_status status)
{
	return status == LT_REFERRAL_SENT || status == LT_REFERRAL_ACCEPTED;
}
