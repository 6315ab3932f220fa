/* The printable statistics reports (docs/statistics.md, "Reports"): small-cell
 * suppression of published tables, the generated protection paragraph,
 * inline SVG charts, and the self-contained HTML documents for a year and
 * for a trend over years, built from the JSON answers of service/stats.h.
 * Pure: no I/O, no clock; the same figures give the same bytes.
 * Ownership: everything is appended to the caller's buffer; the JSON passed
 * in is only read. */
#ifndef LT_DOMAIN_REPORT_H
#define LT_DOMAIN_REPORT_H
#include "base/buf.h"
#include "base/common.h"
#include "domain/stats.h"
#include <jansson.h>

/** The default threshold of small-cell suppression (counts under it are hidden). */
#define LT_REPORT_THRESHOLD_DEFAULT 5
/** The largest threshold accepted. */
#define LT_REPORT_THRESHOLD_MAX 100

/** How a figure is shown in a published table. */
enum lt_cell_state {
	LT_CELL_SHOWN,    /* the number itself */
	LT_CELL_SMALL,    /* primary suppression: a count under the threshold, shown "<T" */
	LT_CELL_WITHHELD, /* secondary suppression (a total would reveal a small cell) or a
			     figure derived from fewer cases than the threshold: shown "[c]" */
};

/** A count and how it is shown. */
struct lt_cell {
	int64_t v;
	enum lt_cell_state st;
};

/** Applies suppression with THRESHOLD to the N CELLS of one breakdown and its
 *  TOTAL (NULL when the table has none). Primary: every count under the
 *  threshold, zero included, is LT_CELL_SMALL (the total too). Secondary:
 *  when the total is shown and exactly one cell is small, the total minus
 *  the others would give it away, so the smallest shown cell (the first of
 *  equals) is LT_CELL_WITHHELD; with no such cell the total is withheld
 *  instead. A THRESHOLD of 0 or less shows everything (internal tables). */
void lt_report_suppress(struct lt_cell *cells, size_t n, struct lt_cell *total, int64_t threshold);
/** The state of a figure derived from BASE cases (a median, a share) whose
 *  numerator, if any, is shown as NUMERATOR: withheld when BASE is under
 *  THRESHOLD or the numerator is not shown; shown otherwise, and always
 *  when THRESHOLD is 0 or less. */
enum lt_cell_state lt_report_derived(int64_t base, enum lt_cell_state numerator, int64_t threshold);

/** Appends S to OUT escaped for HTML text and attribute values (& < > " '),
 *  dropping control characters that XML forbids. A NULL S appends nothing. */
lt_err lt_html_escape(struct lt_buf *out, const char *s);

/** One bar of a chart. */
struct lt_chart_bar {
	const char *label;
	struct lt_cell value;
};
/** Appends an inline SVG chart of horizontal bars titled TITLE; a bar whose
 *  value is not shown is not drawn (its text is "<T" or "[c]" with
 *  THRESHOLD), so the chart reveals no more than the table. Every text is
 *  escaped. */
lt_err lt_report_svg_bars(struct lt_buf *out, const char *title, const struct lt_chart_bar *bars,
			  size_t n, int64_t threshold);
/** One series of a trend chart: a value per year. */
struct lt_chart_series {
	const char *name;
	const struct lt_cell *values; /* NYEARS of them */
};
/** Appends an inline SVG chart of vertical bars grouped by year (one bar per
 *  series, up to 4 series) titled TITLE; values not shown are not drawn. */
lt_err lt_report_svg_trend(struct lt_buf *out, const char *title, const int64_t *years,
			   size_t nyears, const struct lt_chart_series *series, size_t nseries,
			   int64_t threshold);

/** The figures the protection paragraph states, with their states. */
struct lt_paragraph_in {
	int64_t year;
	bool has_prev; /* the year before has any referral or identification */
	struct lt_cell identified, prev_identified, referred, prev_referred;
	struct lt_cell expl[LT_EXPL_COUNT];
	struct lt_cell children, girls, boys, foreign;
	struct lt_cell pending, assisted, turned_away, penalised;
};
/** Appends the protection paragraph in the style of the TIP Report as plain
 *  text (not escaped) in LANG ("en", or "sr" for Serbian in Latin script):
 *  only what the figures support, with the plural forms of the language;
 *  small cells as "fewer than T", withheld ones left out. */
lt_err lt_report_paragraph(struct lt_buf *out, const struct lt_paragraph_in *in, const char *lang,
			   int64_t threshold);

/** What a report is made for. */
struct lt_report_opts {
	const char *lang;     /* "en", "sr" (Latin script) or "sr-Cyrl" */
	bool published;       /* apply small-cell suppression */
	int64_t threshold;    /* LT_REPORT_THRESHOLD_DEFAULT unless asked otherwise */
	const char *country;  /* the country's name in LANG's script family (Latin) */
};
/** True when LANG is one of the report languages. */
bool lt_report_lang_ok(const char *lang);
/** The report's stylesheet (the one inline <style> of every report; a server
 *  allows it by its hash). */
const char *lt_report_css(void);
/** Appends the report for one year: CUR and PREV are annual answers of
 *  lt_svc_stats_annual() for the year and the year before. */
lt_err lt_report_annual_html(struct lt_buf *out, const json_t *cur, const json_t *prev,
			     const struct lt_report_opts *o);
/** Appends the trend report for TREND, an answer of lt_svc_stats_trend(). */
lt_err lt_report_trend_html(struct lt_buf *out, const json_t *trend, const struct lt_report_opts *o);

#endif
