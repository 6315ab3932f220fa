#include "domain/report.h"
#include "domain/occupancy.h"
#include "domain/vocabulary.h"

/* --- suppression --- */

void lt_report_suppress(struct lt_cell *cells, size_t n, struct lt_cell *total, int64_t threshold)
{
	size_t small = 0;
	for (size_t i = 0; i < n; i++) {
		cells[i].st = threshold > 0 && cells[i].v < threshold ? LT_CELL_SMALL : LT_CELL_SHOWN;
		small += cells[i].st == LT_CELL_SMALL;
	}
	if (!total)
		return;
	total->st = threshold > 0 && total->v < threshold ? LT_CELL_SMALL : LT_CELL_SHOWN;
	if (total->st != LT_CELL_SHOWN || small != 1)
		return;
	/* One small cell beside a shown total: withhold the smallest shown cell
	 * too, so that the total minus the others gives no single cell. */
	size_t pick = n;
	for (size_t i = 0; i < n; i++)
		if (cells[i].st == LT_CELL_SHOWN && (pick == n || cells[i].v < cells[pick].v))
			pick = i;
	if (pick < n)
		cells[pick].st = LT_CELL_WITHHELD;
	else
		total->st = LT_CELL_WITHHELD;
}

enum lt_cell_state lt_report_derived(int64_t base, enum lt_cell_state numerator, int64_t threshold)
{
	if (threshold <= 0)
		return LT_CELL_SHOWN;
	return base < threshold || numerator != LT_CELL_SHOWN ? LT_CELL_WITHHELD : LT_CELL_SHOWN;
}

/* --- escaping --- */

lt_err lt_html_escape(struct lt_buf *out, const char *s)
{
	lt_err rc = LT_OK;
	for (const char *p = s; p && *p && !rc; p++) {
		unsigned char c = (unsigned char)*p;
		switch (c) {
		case '&': rc = lt_buf_adds(out, "&amp;"); break;
		case '<': rc = lt_buf_adds(out, "&lt;"); break;
		case '>': rc = lt_buf_adds(out, "&gt;"); break;
		case '"': rc = lt_buf_adds(out, "&quot;"); break;
		case '\'': rc = lt_buf_adds(out, "&#39;"); break;
		default:
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				break; /* not allowed in XML: dropped */
			rc = lt_buf_add(out, p, 1);
		}
	}
	return rc;
}

/* The text of a cell: the number, "<T" or "[c]". */
static void cell_text(const struct lt_cell *c, int64_t threshold, char *dst, size_t cap)
{
	if (c->st == LT_CELL_SMALL)
		snprintf(dst, cap, "<%lld", (long long)threshold);
	else if (c->st == LT_CELL_WITHHELD)
		snprintf(dst, cap, "[c]");
	else
		snprintf(dst, cap, "%lld", (long long)c->v);
}

/* --- SVG --- */

#define BAR_COLOUR "#2b5c8a"
static const char *const series_colours[4] = {"#2b5c8a", "#d08c2b", "#5a8f3c", "#8a3b5c"};

lt_err lt_report_svg_bars(struct lt_buf *out, const char *title, const struct lt_chart_bar *bars,
			  size_t n, int64_t threshold)
{
	const int label_w = 230, bar_w = 300, row_h = 22, top = 8;
	int height = top * 2 + (int)n * row_h;
	int64_t max = 0;
	for (size_t i = 0; i < n; i++)
		if (bars[i].value.st == LT_CELL_SHOWN && bars[i].value.v > max)
			max = bars[i].value.v;
	lt_err rc = lt_buf_addf(out,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" "
				"width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" aria-label=\"",
				label_w + bar_w + 70, height, label_w + bar_w + 70, height);
	if (!rc)
		rc = lt_html_escape(out, title);
	if (!rc)
		rc = lt_buf_adds(out, "\"><title>");
	if (!rc)
		rc = lt_html_escape(out, title);
	if (!rc)
		rc = lt_buf_adds(out, "</title>");
	for (size_t i = 0; i < n && !rc; i++) {
		int y = top + (int)i * row_h;
		char text[32];
		cell_text(&bars[i].value, threshold, text, sizeof(text));
		int w = 0;
		if (bars[i].value.st == LT_CELL_SHOWN && max > 0)
			w = (int)((double)bars[i].value.v * bar_w / (double)max + 0.5);
		rc = lt_buf_addf(out,
				 "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"12\" "
				 "fill=\"#222\">",
				 label_w - 6, y + 15);
		if (!rc)
			rc = lt_html_escape(out, bars[i].label);
		if (!rc)
			rc = lt_buf_addf(out, "</text>");
		if (!rc && w > 0)
			rc = lt_buf_addf(out,
					 "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
					 "fill=\"" BAR_COLOUR "\"/>",
					 label_w, y + 3, w, row_h - 6);
		if (!rc)
			rc = lt_buf_addf(out,
					 "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"#222\">",
					 label_w + w + 4, y + 15);
		if (!rc)
			rc = lt_html_escape(out, text);
		if (!rc)
			rc = lt_buf_adds(out, "</text>");
	}
	return rc ? rc : lt_buf_adds(out, "</svg>");
}

lt_err lt_report_svg_trend(struct lt_buf *out, const char *title, const int64_t *years,
			   size_t nyears, const struct lt_chart_series *series, size_t nseries,
			   int64_t threshold)
{
	if (nseries > 4)
		nseries = 4;
	const int left = 40, plot_h = 200, top = 28, bottom = 24, bar = 14, gap = 12;
	int group = (int)nseries * bar + gap;
	int width = left + (int)nyears * group + 20;
	if (width < 320)
		width = 320;
	int height = top + plot_h + bottom;
	int64_t max = 0;
	for (size_t s = 0; s < nseries; s++)
		for (size_t y = 0; y < nyears; y++)
			if (series[s].values[y].st == LT_CELL_SHOWN && series[s].values[y].v > max)
				max = series[s].values[y].v;
	lt_err rc = lt_buf_addf(out,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" "
				"width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" aria-label=\"",
				width, height, width, height);
	if (!rc)
		rc = lt_html_escape(out, title);
	if (!rc)
		rc = lt_buf_adds(out, "\"><title>");
	if (!rc)
		rc = lt_html_escape(out, title);
	if (!rc)
		rc = lt_buf_addf(out,
				 "</title><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
				 "stroke=\"#888\"/><text x=\"%d\" y=\"%d\" font-size=\"11\" "
				 "text-anchor=\"end\" fill=\"#555\">%lld</text>",
				 left, top + plot_h, width - 10, top + plot_h, left - 4, top + 10,
				 (long long)max);
	/* legend */
	for (size_t s = 0; s < nseries && !rc; s++) {
		int x = left + (int)s * 150;
		rc = lt_buf_addf(out,
				 "<rect x=\"%d\" y=\"6\" width=\"10\" height=\"10\" fill=\"%s\"/>"
				 "<text x=\"%d\" y=\"15\" font-size=\"11\" fill=\"#222\">",
				 x, series_colours[s], x + 14);
		if (!rc)
			rc = lt_html_escape(out, series[s].name);
		if (!rc)
			rc = lt_buf_adds(out, "</text>");
	}
	for (size_t y = 0; y < nyears && !rc; y++) {
		int gx = left + (int)y * group + gap / 2;
		for (size_t s = 0; s < nseries && !rc; s++) {
			const struct lt_cell *c = &series[s].values[y];
			int x = gx + (int)s * bar;
			int h = 0;
			if (c->st == LT_CELL_SHOWN && max > 0)
				h = (int)((double)c->v * plot_h / (double)max + 0.5);
			if (h > 0)
				rc = lt_buf_addf(out,
						 "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
						 "fill=\"%s\"/>",
						 x, top + plot_h - h, bar - 2, h, series_colours[s]);
			if (!rc && c->st != LT_CELL_SHOWN) {
				char text[16];
				cell_text(c, threshold, text, sizeof(text));
				rc = lt_buf_addf(out,
						 "<text x=\"%d\" y=\"%d\" font-size=\"8\" fill=\"#555\">",
						 x, top + plot_h - 2);
				if (!rc)
					rc = lt_html_escape(out, text);
				if (!rc)
					rc = lt_buf_adds(out, "</text>");
			}
		}
		if (!rc)
			rc = lt_buf_addf(out,
					 "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" "
					 "fill=\"#222\">%lld</text>",
					 gx + (int)nseries * bar / 2, top + plot_h + 16, (long long)years[y]);
	}
	return rc ? rc : lt_buf_adds(out, "</svg>");
}

/* --- the paragraph --- */

/* Serbian plural category of N: 0 one (1, 21, ...), 1 few (2-4, 22-24, ...), 2 many. */
static int sr_plural(int64_t n)
{
	int64_t t = n % 10, h = n % 100;
	if (t == 1 && h != 11)
		return 0;
	if (t >= 2 && t <= 4 && (h < 12 || h > 14))
		return 1;
	return 2;
}

struct para {
	struct lt_buf *out;
	bool sr;
	int64_t threshold;
	lt_err rc;
	bool cap; /* the next number starts a sentence */
};

static void p_add(struct para *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void p_add(struct para *p, const char *fmt, ...)
{
	if (p->rc)
		return;
	va_list ap;
	va_start(ap, fmt);
	p->rc = lt_buf_vaddf(p->out, fmt, ap);
	va_end(ap);
}

/* The number of C as words go ("23", "fewer than 5"); its plural class:
 * English 0 singular, 1 plural; Serbian as sr_plural. */
static int p_num(struct para *p, const struct lt_cell *c)
{
	bool cap = p->cap;
	p->cap = false;
	if (c->st == LT_CELL_SMALL) {
		if (p->sr)
			p_add(p, cap ? "Manje od %lld" : "manje od %lld", (long long)p->threshold);
		else
			p_add(p, cap ? "Fewer than %lld" : "fewer than %lld", (long long)p->threshold);
		return p->sr ? 2 : 1;
	}
	p_add(p, "%lld", (long long)c->v);
	return p->sr ? sr_plural(c->v) : c->v == 1 ? 0 : 1;
}

/* The plural class C would take, without writing it. */
static int p_class(const struct para *p, const struct lt_cell *c)
{
	if (c->st == LT_CELL_SMALL)
		return p->sr ? 2 : 1;
	return p->sr ? sr_plural(c->v) : c->v == 1 ? 0 : 1;
}

static bool known(const struct lt_cell *c)
{
	return c->st != LT_CELL_WITHHELD;
}

/* Worth a clause: shown and not zero, or small (published). */
static bool worth(const struct lt_cell *c)
{
	return c->st == LT_CELL_SMALL || (c->st == LT_CELL_SHOWN && c->v > 0);
}

/* Worth an optional sentence: a number shown and not zero. */
static bool stated(const struct lt_cell *c)
{
	return c->st == LT_CELL_SHOWN && c->v > 0;
}

static const char *const expl_en[LT_EXPL_COUNT] = {
	"sex trafficking", "labour trafficking", "forced criminality",
	"other forms of exploitation", "more than one form of exploitation", ""};
static const char *const expl_sr[LT_EXPL_COUNT] = {
	"seksualna eksploatacija", "radna eksploatacija", "prinudno vršenje krivičnih dela",
	"drugi oblici eksploatacije", "više oblika eksploatacije", ""};
/* The order of the paragraph: the TIP Report's. */
static const enum lt_stats_expl expl_order[] = {LT_EXPL_SEXUAL, LT_EXPL_LABOUR,
						LT_EXPL_CRIMINALITY, LT_EXPL_MULTIPLE,
						LT_EXPL_OTHER};

static void para_forms(struct para *p, const struct lt_paragraph_in *in)
{
	enum lt_stats_expl list[LT_EXPL_COUNT];
	size_t n = 0;
	bool hidden = false;
	for (size_t i = 0; i < LT_ARRAY_LEN(expl_order); i++) {
		const struct lt_cell *c = &in->expl[expl_order[i]];
		if (c->st == LT_CELL_SHOWN && c->v > 0)
			list[n++] = expl_order[i];
		else if (c->st != LT_CELL_SHOWN)
			hidden = true;
	}
	if (!n)
		return;
	if (p->sr) {
		p_add(p, ". Prema obliku eksploatacije: ");
		for (size_t i = 0; i < n; i++) {
			p_add(p, "%s%s ", i ? ", " : "", expl_sr[list[i]]);
			p_num(p, &in->expl[list[i]]);
		}
	} else {
		for (size_t i = 0; i < n; i++) {
			p_add(p, i == 0		     ? "; of these, "
				 : i + 1 < n ? ", "
				 : n == 2    ? " and "
					     : ", and ");
			int pl = p_num(p, &in->expl[list[i]]);
			if (i == 0)
				p_add(p, pl ? " were victims of %s" : " was a victim of %s",
				      expl_en[list[i]]);
			else
				p_add(p, " of %s", expl_en[list[i]]);
		}
	}
	const struct lt_cell *u = &in->expl[LT_EXPL_UNKNOWN];
	if (u->st == LT_CELL_SHOWN && u->v > 0) {
		if (p->sr) {
			p_add(p, "; oblik eksploatacije nije evidentiran za ");
			p_num(p, u);
		} else {
			p_add(p, "; for ");
			p_num(p, u);
			p_add(p, " the form of exploitation was not recorded");
		}
	}
	if (hidden)
		p_add(p, p->sr ? " (brojevi manji od %lld se ne objavljuju)"
			       : " (numbers under %lld are not published)",
		      (long long)p->threshold);
}

static void para_children(struct para *p, const struct lt_paragraph_in *in)
{
	const struct lt_cell *k = &in->children, *f = &in->foreign;
	/* A child count beside a hidden part would give the part away. */
	bool parts = in->girls.st == LT_CELL_SHOWN && in->boys.st == LT_CELL_SHOWN;
	bool say_k = k->st == LT_CELL_SMALL || (k->st == LT_CELL_SHOWN && (parts || !p->threshold));
	if (!say_k && !known(f))
		return;
	if (p->sr) {
		static const char *const verb[3] = {"je", "su", "je"};
		static const char *const dete[3] = {"dete", "deteta", "dece"};
		static const char *const dev[3] = {"devojčica", "devojčice", "devojčica"};
		static const char *const dec[3] = {"dečak", "dečaka", "dečaka"};
		static const char *const str[3] = {"strani državljanin", "strana državljanina",
						   "stranih državljana"};
		p_add(p, " Među njima ");
		if (say_k && k->st == LT_CELL_SHOWN && k->v == 0) {
			p_add(p, "nije bilo dece");
		} else if (say_k) {
			p_add(p, "%s ", verb[p_class(p, k)]);
			p_add(p, " %s", dete[p_num(p, k)]);
			if (k->st == LT_CELL_SHOWN && parts && k->v > 0) {
				p_add(p, " (");
				if (in->girls.v > 0)
					p_add(p, " %s", dev[p_num(p, &in->girls)]);
				if (in->girls.v > 0 && in->boys.v > 0)
					p_add(p, " i ");
				if (in->boys.v > 0)
					p_add(p, " %s", dec[p_num(p, &in->boys)]);
				p_add(p, ")");
			}
		}
		if (known(f)) {
			p_add(p, "%s", say_k ? "; " : "");
			if (f->st == LT_CELL_SHOWN && f->v == 0) {
				p_add(p, "nije bilo stranih državljana");
			} else {
				int c = p_num(p, f);
				p_add(p, " %s %s", verb[c], str[c]);
			}
		}
		p_add(p, ".");
		return;
	}
	p_add(p, " ");
	bool first = true;
	if (say_k) {
		if (k->st == LT_CELL_SHOWN && k->v == 0) {
			p_add(p, "None were children");
		} else {
			p->cap = true;
			int c = p_num(p, k);
			p_add(p, c ? " were children" : " was a child");
			if (k->st == LT_CELL_SHOWN && parts && k->v > 0) {
				/* the parts that are not zero */
				p_add(p, " (");
				if (in->girls.v > 0)
					p_add(p, p_num(p, &in->girls) ? " girls" : " girl");
				if (in->girls.v > 0 && in->boys.v > 0)
					p_add(p, " and ");
				if (in->boys.v > 0)
					p_add(p, p_num(p, &in->boys) ? " boys" : " boy");
				p_add(p, ")");
			}
		}
		first = false;
	}
	if (known(f)) {
		if (!first)
			p_add(p, ", and ");
		if (f->st == LT_CELL_SHOWN && f->v == 0) {
			p_add(p, first ? "None were foreign nationals" : "none were foreign nationals");
		} else {
			p->cap = first;
			int c = p_num(p, f);
			p_add(p, c ? " were foreign nationals" : " was a foreign national");
		}
	}
	p_add(p, ".");
}

lt_err lt_report_paragraph(struct lt_buf *out, const struct lt_paragraph_in *in, const char *lang,
			   int64_t threshold)
{
	struct para p = {out, lang && !strncmp(lang, "sr", 2), threshold > 0 ? threshold : 0, LT_OK,
			 false};
	const struct lt_cell *id = &in->identified;
	bool prev = in->has_prev && known(&in->prev_identified);
	/* Identified, compared with the year before. */
	if (p.sr) {
		static const char *const verb[3] = {"identifikovana je", "identifikovane su",
						    "identifikovano je"};
		static const char *const zrtva[3] = {"žrtva", "žrtve", "žrtava"};
		p_add(&p, "U %lld. godini %s ", (long long)in->year,
		      known(id) ? verb[p_class(&p, id)] : "identifikovan je");
		if (known(id))
			p_add(&p, " %s", zrtva[p_num(&p, id)]);
		else
			p_add(&p, "neobjavljen broj žrtava");
		p_add(&p, " trgovine ljudima");
		if (prev) {
			p_add(&p, ", u poređenju sa ");
			p_num(&p, &in->prev_identified);
			p_add(&p, " u %lld. godini", (long long)in->year - 1);
		}
	} else {
		p_add(&p, "In %lld, the government identified ", (long long)in->year);
		if (known(id))
			p_add(&p, p_num(&p, id) ? " victims" : " victim");
		else
			p_add(&p, "an undisclosed number of victims");
		if (prev) {
			p_add(&p, ", compared with ");
			p_num(&p, &in->prev_identified);
			p_add(&p, " in %lld", (long long)in->year - 1);
		}
	}
	if (worth(id) && id->st == LT_CELL_SHOWN)
		para_forms(&p, in);
	p_add(&p, ".");
	if (worth(id))
		para_children(&p, in);

	/* Referrals. */
	const struct lt_cell *r = &in->referred;
	if (known(r)) {
		bool rprev = in->has_prev && known(&in->prev_referred);
		if (p.sr) {
			static const char *const verb[3] = {"je upućena", "su upućene", "je upućeno"};
			static const char *const pz[3] = {"potencijalna žrtva", "potencijalne žrtve",
							  "potencijalnih žrtava"};
			p_add(&p, " Na identifikaciju %s ", verb[p_class(&p, r)]);
			p_add(&p, " %s", pz[p_num(&p, r)]);
			if (rprev) {
				p_add(&p, ", u poređenju sa ");
				p_num(&p, &in->prev_referred);
				p_add(&p, " u %lld. godini", (long long)in->year - 1);
			}
		} else {
			p_add(&p, " Authorities referred ");
			p_add(&p, p_num(&p, r) ? " potential victims" : " potential victim");
			p_add(&p, " for identification");
			if (rprev) {
				p_add(&p, ", compared with ");
				p_num(&p, &in->prev_referred);
				p_add(&p, " in %lld", (long long)in->year - 1);
			}
		}
		p_add(&p, ".");
	}
	/* Still waiting at the end of the year. */
	if (stated(&in->pending)) {
		if (p.sr) {
			static const char *const v[3] = {"je čekao", "su čekala", "je čekalo"};
			static const char *const sl[3] = {"slučaj", "slučaja", "slučajeva"};
			p_add(&p, " Na kraju godine %s odluku o identifikaciji ",
			      v[p_class(&p, &in->pending)]);
			p_add(&p, " %s.", sl[p_num(&p, &in->pending)]);
		} else {
			p_add(&p, " At the end of the year, ");
			p_add(&p, p_num(&p, &in->pending) ? " cases were" : " case was");
			p_add(&p, " still awaiting an identification decision.");
		}
	}
	/* Services, shelters, penalisation: only when the register shows any. */
	if (stated(&in->assisted)) {
		if (p.sr) {
			static const char *const v[3] = {"je dobila", "su dobile", "je dobilo"};
			static const char *const z[3] = {"identifikovana žrtva", "identifikovane žrtve",
							 "identifikovanih žrtava"};
			p_add(&p, " Bar jednu uslugu tokom godine %s ", v[p_class(&p, &in->assisted)]);
			p_add(&p, " %s.", z[p_num(&p, &in->assisted)]);
		} else {
			p_add(&p, " ");
			p_add(&p, p_num(&p, &in->assisted) ? " identified victims" : " identified victim");
			p_add(&p, " received at least one service during the year.");
		}
	}
	if (stated(&in->turned_away)) {
		if (p.sr) {
			static const char *const o[3] = {"osobu", "osobe", "osoba"};
			p_add(&p, " Za ");
			p_add(&p, " %s nije bilo odgovarajućeg mesta u prihvatilištu.",
			      o[p_num(&p, &in->turned_away)]);
		} else {
			p_add(&p, " Shelters could not take ");
			p_add(&p, p_num(&p, &in->turned_away) ? " persons" : " person");
			p_add(&p, ", who had to be accommodated elsewhere.");
		}
	}
	if (stated(&in->penalised)) {
		if (p.sr) {
			p_add(&p, " Broj žrtava protiv kojih je postupak okončan kaznom: ");
			p_num(&p, &in->penalised);
			p_add(&p, ".");
		} else {
			p_add(&p, " Proceedings against ");
			p_add(&p, p_num(&p, &in->penalised) ? " victims" : " victim");
			p_add(&p, " ended in a penalty.");
		}
	}
	return p.rc;
}

/* --- the documents --- */

static const char css[] =
	"body{font-family:Georgia,'Times New Roman',serif;color:#222;max-width:52em;margin:2em "
	"auto;padding:0 1em;line-height:1.45}"
	"h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px "
	"solid #ccc}"
	".sub{color:#555;margin-top:0}.note{font-size:.9em;color:#444;border-left:3px solid "
	"#d08c2b;padding-left:.6em}"
	"table{border-collapse:collapse;margin:.6em 0 1em;font-size:.95em}"
	"caption{text-align:left;font-weight:bold;padding-bottom:.3em}"
	"th,td{border:1px solid #bbb;padding:.2em .6em;text-align:left}"
	"td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}"
	"tr.total td{font-weight:bold}svg.chart{display:block;max-width:100%;height:auto}"
	"footer{margin-top:2em;font-size:.85em;color:#555}"
	"@media print{body{max-width:none;margin:0;font-size:10pt}"
	"h2{break-after:avoid}table,svg.chart,section{break-inside:avoid}"
	"a{color:inherit;text-decoration:none}}"
	"@page{size:A4;margin:18mm}";

const char *lt_report_css(void)
{
	return css;
}

bool lt_report_lang_ok(const char *lang)
{
	return lang && (!strcmp(lang, "en") || !strcmp(lang, "sr") || !strcmp(lang, "sr-Cyrl"));
}

struct w {
	struct lt_buf *out;
	int lang; /* 0 en, 1 Serbian Latin, 2 Serbian Cyrillic */
	int64_t t; /* threshold; 0 when not published */
	bool published;
	int64_t nominal_t; /* the threshold for the notes */
	lt_err rc;
	bool any_small, any_withheld;
};

static void raw(struct w *w, const char *s)
{
	if (!w->rc)
		w->rc = lt_buf_adds(w->out, s);
}

static void rawf(struct w *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void rawf(struct w *w, const char *fmt, ...)
{
	if (w->rc)
		return;
	va_list ap;
	va_start(ap, fmt);
	w->rc = lt_buf_vaddf(w->out, fmt, ap);
	va_end(ap);
}

/* Text for the reader: in Cyrillic when asked (the Latin converted letter by
 * letter), always escaped. */
static void txt(struct w *w, const char *s)
{
	if (w->rc || !s)
		return;
	if (w->lang != 2) {
		w->rc = lt_html_escape(w->out, s);
		return;
	}
	struct lt_buf c;
	lt_buf_init(&c, 0);
	w->rc = lt_vocab_cyrillic(s, &c);
	if (!w->rc && !(w->rc = lt_buf_add(&c, "", 1)))
		w->rc = lt_html_escape(w->out, (const char *)c.data);
	lt_buf_release(&c);
}

/* EN or SR by the report's language. */
static const char *L(const struct w *w, const char *en, const char *sr)
{
	return w->lang ? sr : en;
}

static const char *vlang(const struct w *w)
{
	return w->lang ? "sr" : "en";
}

static void cell_td(struct w *w, const struct lt_cell *c)
{
	char text[32];
	cell_text(c, w->nominal_t, text, sizeof(text));
	w->any_small |= c->st == LT_CELL_SMALL;
	w->any_withheld |= c->st == LT_CELL_WITHHELD;
	raw(w, "<td class=\"n\">");
	txt(w, text);
	raw(w, "</td>");
}

static int64_t jint(const json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

/* A label for KEY: from the vocabulary KIND when >= 0, else from the table
 * NAMES of {key, en, sr} rows, else the key itself. */
struct label {
	const char *key, *en, *sr;
};
static const char *label_of(const struct w *w, int kind, const struct label *names, const char *key)
{
	if (kind >= 0) {
		const char *l = lt_vocab_label((enum lt_vocab_kind)kind, key, vlang(w));
		if (l)
			return l;
	}
	for (const struct label *n = names; n && n->key; n++)
		if (!strcmp(n->key, key))
			return L(w, n->en, n->sr);
	return key;
}

static const struct label expl_labels[] = {
	{"sexual", "Sexual exploitation", "Seksualna eksploatacija"},
	{"labour", "Labour exploitation (incl. begging, servitude)",
	 "Radna eksploatacija (uklj. prosjačenje, služenje)"},
	{"criminality", "Forced criminality", "Prinudno vršenje krivičnih dela"},
	{"other", "Other forms", "Drugi oblici"},
	{"multiple", "More than one form", "Više oblika"},
	{"unknown", "Not recorded", "Nije evidentirano"},
	{NULL, NULL, NULL}};
static const struct label sex_age_labels[] = {
	{"women", "Women", "Žene"},   {"men", "Men", "Muškarci"},
	{"girls", "Girls", "Devojčice"}, {"boys", "Boys", "Dečaci"},
	{"unknown", "Sex or age not recorded", "Pol ili uzrast nisu evidentirani"},
	{NULL, NULL, NULL}};
static const struct label reason_labels[] = {
	{"full", "No free place", "Nema slobodnog mesta"},
	{"unlicensed", "Shelter without a valid licence", "Prihvatilište bez važeće licence"},
	{"wrong_sex", "No place for the person's sex", "Nema mesta za osobu tog pola"},
	{"other", "Other reason", "Drugi razlog"},
	{NULL, NULL, NULL}};
static const struct label place_labels[] = {
	{"women", "Places for women", "Mesta za žene"},
	{"men", "Places for men", "Mesta za muškarce"},
	{"children", "Places for children", "Mesta za decu"},
	{"total", "All places", "Sva mesta"},
	{NULL, NULL, NULL}};
static const struct label band_labels[] = {
	{"no_prison", "No prison term", "Bez kazne zatvora"},
	{"under_12_months", "Under 1 year", "Manje od 1 godine"},
	{"12_to_35_months", "1 to under 3 years", "Od 1 do 3 godine"},
	{"36_to_59_months", "3 to under 5 years", "Od 3 do 5 godina"},
	{"60_to_119_months", "5 to under 10 years", "Od 5 do 10 godina"},
	{"120_months_or_more", "10 years or more", "10 godina i više"},
	{"not_recorded", "Sentence not recorded", "Kazna nije evidentirana"},
	{NULL, NULL, NULL}};
static const struct label forum_labels[] = {
	{"criminal", "Criminal proceedings", "Krivični postupak"},
	{"civil", "Civil action", "Parnični postupak"},
	{"state_fund", "State compensation fund", "Državni fond za naknadu"},
	{NULL, NULL, NULL}};

#define MAX_ROWS 260

/* A table of one breakdown MAP (keys to counts) with labels, suppression
 * against TOTAL (when TOTAL_LABEL is given) and, when CHART, a bar chart. */
static void map_table(struct w *w, const char *caption, const json_t *map, int kind,
		      const struct label *names, const char *total_label, struct lt_cell *total,
		      bool chart, struct lt_cell *cells_out)
{
	struct lt_cell cells[MAX_ROWS];
	const char *keys[MAX_ROWS];
	size_t n = 0;
	const char *key;
	json_t *val;
	json_object_foreach((json_t *)map, key, val) {
		if (n == MAX_ROWS)
			break;
		keys[n] = key;
		cells[n].v = json_integer_value(val);
		n++;
	}
	lt_report_suppress(cells, n, total_label ? total : NULL, w->t);
	if (cells_out)
		memcpy(cells_out, cells, n * sizeof(*cells));
	raw(w, "<table><caption>");
	txt(w, caption);
	raw(w, "</caption><tbody>");
	for (size_t i = 0; i < n; i++) {
		raw(w, "<tr><td>");
		txt(w, label_of(w, kind, names, keys[i]));
		raw(w, "</td>");
		cell_td(w, &cells[i]);
		raw(w, "</tr>");
	}
	if (!n) {
		raw(w, "<tr><td colspan=\"2\">");
		txt(w, L(w, "None recorded", "Nema evidentiranih"));
		raw(w, "</td></tr>");
	}
	if (total_label) {
		raw(w, "<tr class=\"total\"><td>");
		txt(w, total_label);
		raw(w, "</td>");
		cell_td(w, total);
		raw(w, "</tr>");
	}
	raw(w, "</tbody></table>");
	if (chart && n && !w->rc) {
		struct lt_chart_bar bars[MAX_ROWS];
		struct lt_buf labels;
		lt_buf_init(&labels, 0);
		/* The labels, converted when Cyrillic, live in one buffer. */
		size_t offs[MAX_ROWS];
		for (size_t i = 0; i < n && !w->rc; i++) {
			offs[i] = labels.len;
			const char *l = label_of(w, kind, names, keys[i]);
			w->rc = w->lang == 2 ? lt_vocab_cyrillic(l, &labels) : lt_buf_adds(&labels, l);
			if (!w->rc)
				w->rc = lt_buf_add(&labels, "", 1);
		}
		struct lt_buf title;
		lt_buf_init(&title, 0);
		if (!w->rc)
			w->rc = w->lang == 2 ? lt_vocab_cyrillic(caption, &title)
					     : lt_buf_adds(&title, caption);
		if (!w->rc)
			w->rc = lt_buf_add(&title, "", 1);
		for (size_t i = 0; i < n && !w->rc; i++)
			bars[i] = (struct lt_chart_bar){(const char *)labels.data + offs[i], cells[i]};
		if (!w->rc)
			w->rc = lt_report_svg_bars(w->out, (const char *)title.data, bars, n,
						   w->nominal_t);
		lt_buf_release(&labels);
		lt_buf_release(&title);
	}
}

/* One row "label | cell" of a table of figures. */
static void fig_row(struct w *w, const char *label, const struct lt_cell *c)
{
	raw(w, "<tr><td>");
	txt(w, label);
	raw(w, "</td>");
	cell_td(w, c);
	raw(w, "</tr>");
}

/* A count cell, suppressed on its own. */
static struct lt_cell count_cell(const struct w *w, int64_t v)
{
	struct lt_cell c = {v, LT_CELL_SHOWN};
	lt_report_suppress(&c, 1, NULL, w->t);
	return c;
}

/* A derived value (a median, a percentage) shown as TEXT when its state is
 * shown; ABSENT (a JSON null) gives "–". */
static void derived_row(struct w *w, const char *label, const json_t *v, enum lt_cell_state st,
			bool percent)
{
	raw(w, "<tr><td>");
	txt(w, label);
	raw(w, "</td><td class=\"n\">");
	if (!json_is_number(v)) {
		txt(w, "–");
	} else if (st != LT_CELL_SHOWN) {
		w->any_withheld = true;
		txt(w, "[c]");
	} else if (percent) {
		rawf(w, "%.1f%%", json_number_value(v));
	} else {
		rawf(w, "%lld", (long long)json_integer_value(v));
	}
	raw(w, "</td></tr>");
}

static void head(struct w *w, const char *title, const struct lt_report_opts *o)
{
	raw(w, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"");
	raw(w, w->lang == 0 ? "en" : w->lang == 1 ? "sr-Latn" : "sr-Cyrl");
	raw(w, "\"><head><meta charset=\"utf-8\"/><meta name=\"viewport\" "
	       "content=\"width=device-width, initial-scale=1\"/><title>");
	txt(w, title);
	raw(w, "</title><style>");
	raw(w, css);
	raw(w, "</style></head><body><header><h1>");
	txt(w, title);
	raw(w, "</h1><p class=\"sub\">");
	txt(w, o->country);
	raw(w, " — ");
	txt(w, o->published ? L(w, "Published tables", "Tabele za objavljivanje")
			    : L(w, "Internal tables: not for publication",
				"Interne tabele: nisu za objavljivanje"));
	raw(w, "</p></header>");
}

static void suppression_note(struct w *w)
{
	if (!w->published)
		return;
	char s[600];
	if (w->lang)
		snprintf(s, sizeof(s),
			 "Zaštita podataka: svaki broj manji od %lld prikazan je kao „<%lld“ "
			 "(uključujući nulu), a „[c]“ označava broj koji je izostavljen jer bi se "
			 "iz zbira mogao izračunati mali broj, ili podatak izveden iz manje od %lld "
			 "slučajeva.%s",
			 (long long)w->nominal_t, (long long)w->nominal_t, (long long)w->nominal_t,
			 w->any_withheld ? " U ovom izveštaju ima takvih izostavljenih brojeva." : "");
	else
		snprintf(s, sizeof(s),
			 "Disclosure control: every count under %lld is shown as “<%lld” (zero "
			 "included), and “[c]” marks a figure withheld because a total would reveal "
			 "a small count (secondary suppression) or because it is derived from fewer "
			 "than %lld cases.%s",
			 (long long)w->nominal_t, (long long)w->nominal_t, (long long)w->nominal_t,
			 w->any_withheld ? " This report withholds such figures." : "");
	raw(w, "<p class=\"note\" id=\"suppression\">");
	txt(w, s);
	raw(w, "</p>");
}

static void foot(struct w *w)
{
	suppression_note(w);
	raw(w, "<footer><p>");
	txt(w, L(w, "Counted from the register by Lantern; every figure is defined in "
		    "docs/statistics.md.",
		 "Izračunato iz registra (Lantern); svaki podatak je definisan u "
		 "docs/statistics.md."));
	raw(w, "</p></footer></body></html>\n");
}

static void h2(struct w *w, const char *en, const char *sr)
{
	raw(w, "<section><h2>");
	txt(w, L(w, en, sr));
	raw(w, "</h2>");
}

static lt_err w_init(struct w *w, struct lt_buf *out, const struct lt_report_opts *o)
{
	memset(w, 0, sizeof(*w));
	if (!lt_report_lang_ok(o->lang))
		return LT_ERR_INVALID;
	w->out = out;
	w->lang = !strcmp(o->lang, "en") ? 0 : !strcmp(o->lang, "sr") ? 1 : 2;
	w->published = o->published;
	w->nominal_t = o->threshold > 0 ? o->threshold : LT_REPORT_THRESHOLD_DEFAULT;
	w->t = o->published ? w->nominal_t : 0;
	return lt_vocab_init(NULL);
}

static void paragraph(struct w *w, const json_t *cur, const json_t *prev,
		      const struct lt_cell *expl, const struct lt_cell *sex_age,
		      const struct lt_cell *referred_total, const struct lt_cell *identified_total)
{
	struct lt_paragraph_in in;
	memset(&in, 0, sizeof(in));
	in.year = jint(cur, "year");
	in.identified = *identified_total;
	in.referred = *referred_total;
	in.has_prev = prev && (jint(prev, "referred") > 0 || jint(prev, "identified") > 0);
	if (prev) {
		in.prev_identified = count_cell(w, jint(prev, "identified"));
		in.prev_referred = count_cell(w, jint(prev, "referred"));
	}
	memcpy(in.expl, expl, sizeof(in.expl));
	in.girls = sex_age[LT_SA_GIRLS];
	in.boys = sex_age[LT_SA_BOYS];
	in.children = count_cell(w, jint(cur, "identified_children"));
	in.foreign = count_cell(w, jint(cur, "identified_foreign"));
	in.pending = count_cell(w, jint(cur, "pending_decisions_at_year_end"));
	const json_t *a = json_object_get(cur, "victims_assisted");
	in.assisted = count_cell(w, jint(a, "nationals") + jint(a, "foreign") +
					   jint(a, "citizenship_unknown"));
	in.turned_away = count_cell(w, jint(json_object_get(cur, "turn_aways"), "total"));
	in.penalised = count_cell(w, jint(cur, "victims_penalised"));
	struct lt_buf text;
	lt_buf_init(&text, 0);
	if (!w->rc)
		w->rc = lt_report_paragraph(&text, &in, w->lang ? "sr" : "en", w->t);
	if (!w->rc)
		w->rc = lt_buf_add(&text, "", 1);
	raw(w, "<section><p class=\"paragraph\" id=\"protection\">");
	if (!w->rc)
		txt(w, (const char *)text.data);
	raw(w, "</p></section>");
	lt_buf_release(&text);
}

lt_err lt_report_annual_html(struct lt_buf *out, const json_t *cur, const json_t *prev,
			     const struct lt_report_opts *o)
{
	struct w w;
	lt_err rc = w_init(&w, out, o);
	if (rc)
		return rc;
	int64_t year = jint(cur, "year");
	char title[160];
	snprintf(title, sizeof(title),
		 w.lang ? "Trgovina ljudima: podaci za %lld. godinu"
			: "Trafficking in persons: the figures for %lld",
		 (long long)year);
	head(&w, title, o);

	/* The tables the paragraph draws on are suppressed first, so that the
	 * paragraph says no more than they show. */
	int64_t referred = jint(cur, "referred"), identified = jint(cur, "identified");
	struct lt_buf body;
	lt_buf_init(&body, 0);
	struct lt_buf *saved = w.out;
	w.out = &body;
	struct lt_cell expl[LT_EXPL_COUNT], sex_age[LT_SA_COUNT];
	struct lt_cell ref_total = count_cell(&w, referred), id_total = count_cell(&w, identified);

	h2(&w, "Referrals", "Upućivanja");
	map_table(&w, L(&w, "Potential victims referred, by source", "Upućene potencijalne žrtve, po izvoru"),
		  json_object_get(cur, "referred_by_source"), LT_VOCAB_REFERRAL_SOURCE, NULL,
		  L(&w, "Total referred", "Ukupno upućeno"), &ref_total, true, NULL);
	raw(&w, "</section>");

	h2(&w, "Identified victims", "Identifikovane žrtve");
	map_table(&w, L(&w, "Identified victims, by form of exploitation", "Identifikovane žrtve, po obliku eksploatacije"),
		  json_object_get(cur, "identified_by_exploitation"), -1, expl_labels,
		  L(&w, "Total identified", "Ukupno identifikovano"), &id_total, true, expl);
	struct lt_cell id_total2 = {identified, LT_CELL_SHOWN};
	map_table(&w, L(&w, "Identified victims, by sex and age", "Identifikovane žrtve, po polu i uzrastu"),
		  json_object_get(cur, "identified_by_sex_age"), -1, sex_age_labels,
		  L(&w, "Total identified", "Ukupno identifikovano"), &id_total2, true, sex_age);
	map_table(&w, L(&w, "Identified victims, by citizenship (a dual citizen counts under each)",
			"Identifikovane žrtve, po državljanstvu (dvojni državljanin se broji pod svakim)"),
		  json_object_get(cur, "identified_by_citizenship"), LT_VOCAB_COUNTRY, NULL, NULL, NULL,
		  false, NULL);
	map_table(&w, L(&w, "Identified victims, by country of exploitation",
			"Identifikovane žrtve, po zemlji eksploatacije"),
		  json_object_get(cur, "identified_by_country_of_exploitation"), LT_VOCAB_COUNTRY,
		  NULL, NULL, NULL, false, NULL);
	{
		raw(&w, "<table><caption>");
		txt(&w, L(&w, "Other figures on identified victims", "Ostali podaci o identifikovanim žrtvama"));
		raw(&w, "</caption><tbody>");
		struct lt_cell c;
		c = count_cell(&w, jint(cur, "identified_children"));
		fig_row(&w, L(&w, "Children (under 18 on the referral date)", "Deca (mlađa od 18 godina na dan upućivanja)"), &c);
		c = count_cell(&w, jint(cur, "identified_foreign"));
		fig_row(&w, L(&w, "Foreign nationals", "Strani državljani"), &c);
		c = count_cell(&w, jint(cur, "identified_citizenship_unknown"));
		fig_row(&w, L(&w, "Citizenship not recorded", "Državljanstvo nije evidentirano"), &c);
		c = count_cell(&w, jint(cur, "nationals_exploited_abroad"));
		fig_row(&w, L(&w, "Nationals exploited abroad", "Državljani eksploatisani u inostranstvu"), &c);
		c = count_cell(&w, jint(cur, "pending_decisions_at_year_end"));
		fig_row(&w, L(&w, "Cases awaiting a decision at the end of the year", "Slučajevi koji čekaju odluku na kraju godine"), &c);
		raw(&w, "</tbody></table>");
	}
	{
		const json_t *dd = json_object_get(cur, "decision_days");
		raw(&w, "<table><caption>");
		txt(&w, L(&w, "Days from referral to decision", "Dani od upućivanja do odluke"));
		raw(&w, "</caption><thead><tr><th></th><th class=\"n\">");
		txt(&w, L(&w, "decisions", "odluke"));
		raw(&w, "</th><th class=\"n\">");
		txt(&w, L(&w, "median", "medijana"));
		raw(&w, "</th><th class=\"n\">p90</th></tr></thead><tbody>");
		static const char *const kinds[2] = {"reasonable_grounds", "conclusive"};
		for (int i = 0; i < 2; i++) {
			const json_t *k = json_object_get(dd, kinds[i]);
			int64_t n = jint(k, "count");
			struct lt_cell c = count_cell(&w, n);
			enum lt_cell_state st = lt_report_derived(n, LT_CELL_SHOWN, w.t);
			raw(&w, "<tr><td>");
			txt(&w, i ? L(&w, "Conclusive decision", "Konačna odluka")
				  : L(&w, "Reasonable-grounds decision", "Odluka o osnovama sumnje"));
			raw(&w, "</td>");
			cell_td(&w, &c);
			for (int j = 0; j < 2; j++) {
				const json_t *v = json_object_get(k, j ? "p90" : "median");
				raw(&w, "<td class=\"n\">");
				if (!json_is_integer(v))
					txt(&w, "–");
				else if (st != LT_CELL_SHOWN) {
					w.any_withheld = true;
					txt(&w, "[c]");
				} else
					rawf(&w, "%lld", (long long)json_integer_value(v));
				raw(&w, "</td>");
			}
			raw(&w, "</tr>");
		}
		raw(&w, "</tbody></table>");
	}
	raw(&w, "</section>");

	/* Services. */
	h2(&w, "Assistance", "Pomoć");
	{
		const json_t *svc = json_object_get(cur, "services_by_type");
		raw(&w, "<table><caption>");
		txt(&w, L(&w, "Identified victims who received each service during the year",
			  "Identifikovane žrtve koje su tokom godine dobile uslugu"));
		raw(&w, "</caption><thead><tr><th></th><th class=\"n\">");
		txt(&w, L(&w, "nationals", "državljani"));
		raw(&w, "</th><th class=\"n\">");
		txt(&w, L(&w, "foreign", "stranci"));
		raw(&w, "</th><th class=\"n\">");
		txt(&w, L(&w, "citizenship not recorded", "državljanstvo nije evidentirano"));
		raw(&w, "</th></tr></thead><tbody>");
		const char *k;
		json_t *v;
		static const char *const groups[3] = {"nationals", "foreign", "citizenship_unknown"};
		json_object_foreach((json_t *)svc, k, v) {
			raw(&w, "<tr><td>");
			txt(&w, label_of(&w, LT_VOCAB_SERVICE, NULL, k));
			raw(&w, "</td>");
			for (int g = 0; g < 3; g++) {
				struct lt_cell c = count_cell(&w, jint(v, groups[g]));
				cell_td(&w, &c);
			}
			raw(&w, "</tr>");
		}
		const json_t *a = json_object_get(cur, "victims_assisted");
		raw(&w, "<tr class=\"total\"><td>");
		txt(&w, L(&w, "Any service", "Bilo koja usluga"));
		raw(&w, "</td>");
		for (int g = 0; g < 3; g++) {
			struct lt_cell c = count_cell(&w, jint(a, groups[g]));
			cell_td(&w, &c);
		}
		raw(&w, "</tr></tbody></table>");
	}
	{
		const json_t *occ = json_object_get(cur, "shelter_occupancy");
		raw(&w, "<table><caption>");
		txt(&w, L(&w, "Shelter occupancy (nights)", "Popunjenost prihvatilišta (noćenja)"));
		raw(&w, "</caption><thead><tr><th></th><th class=\"n\">");
		txt(&w, L(&w, "nights used", "iskorišćena noćenja"));
		raw(&w, "</th><th class=\"n\">");
		txt(&w, L(&w, "nights available", "raspoloživa noćenja"));
		raw(&w, "</th><th class=\"n\">%</th></tr></thead><tbody>");
		const char *k;
		json_t *v;
		json_object_foreach((json_t *)occ, k, v) {
			struct lt_cell used = count_cell(&w, jint(v, "nights_used"));
			struct lt_cell avail = {jint(v, "nights_available"), LT_CELL_SHOWN};
			raw(&w, !strcmp(k, "total") ? "<tr class=\"total\"><td>" : "<tr><td>");
			txt(&w, label_of(&w, -1, place_labels, k));
			raw(&w, "</td>");
			cell_td(&w, &used);
			cell_td(&w, &avail);
			const json_t *pc = json_object_get(v, "percent");
			raw(&w, "<td class=\"n\">");
			if (!json_is_number(pc))
				txt(&w, "–");
			else if (used.st != LT_CELL_SHOWN) {
				w.any_withheld = true;
				txt(&w, "[c]");
			} else
				rawf(&w, "%.1f", json_number_value(pc));
			raw(&w, "</td></tr>");
		}
		raw(&w, "</tbody></table>");
		const json_t *ta = json_object_get(cur, "turn_aways");
		struct lt_cell ta_total = {jint(ta, "total"), LT_CELL_SHOWN};
		map_table(&w, L(&w, "Persons a shelter could not take, by reason", "Osobe koje prihvatilište nije moglo da primi, po razlogu"),
			  json_object_get(ta, "by_reason"), -1, reason_labels,
			  L(&w, "Total", "Ukupno"), &ta_total, true, NULL);
	}
	raw(&w, "</section>");

	/* Justice. */
	h2(&w, "Criminal proceedings", "Krivični postupci");
	{
		const json_t *pr = json_object_get(cur, "proceedings");
		raw(&w, "<table><caption>");
		txt(&w, L(&w, "Proceedings against traffickers", "Postupci protiv trgovaca ljudima"));
		raw(&w, "</caption><tbody>");
		static const struct label rows[] = {
			{"investigations_opened", "Investigations opened", "Pokrenute istrage"},
			{"indictments", "Indictments", "Optužnice"},
			{"convictions", "Convictions", "Osuđujuće presude"},
			{"acquittals", "Acquittals", "Oslobađajuće presude"},
			{"dismissals", "Dismissals", "Odbijajuće presude i obustave"},
			{"plea_agreements", "Plea agreements", "Sporazumi o priznanju krivičnog dela"},
			{"charges_downgraded", "Charges changed from trafficking to a lesser offence",
			 "Optužbe prekvalifikovane sa trgovine ljudima na lakše delo"},
			{NULL, NULL, NULL}};
		for (const struct label *r = rows; r->key; r++) {
			struct lt_cell c = count_cell(&w, jint(pr, r->key));
			fig_row(&w, L(&w, r->en, r->sr), &c);
		}
		const json_t *sp = json_object_get(pr, "specialised_prosecutor");
		struct lt_cell spc = count_cell(&w, jint(sp, "count"));
		fig_row(&w, L(&w, "Opened with a specialised prosecutor", "Pokrenute uz specijalizovanog tužioca"), &spc);
		derived_row(&w, L(&w, "Share with a specialised prosecutor (%)", "Udeo sa specijalizovanim tužiocem (%)"),
			    json_object_get(sp, "percent"),
			    lt_report_derived(jint(sp, "of"), spc.st, w.t), true);
		raw(&w, "</tbody></table>");
		const json_t *se = json_object_get(pr, "sentences");
		struct lt_cell conv = {jint(pr, "convictions"), LT_CELL_SHOWN};
		map_table(&w, L(&w, "Convictions, by sentence", "Osuđujuće presude, po kazni"),
			  json_object_get(se, "by_band"), -1, band_labels,
			  L(&w, "Convictions", "Osuđujuće presude"), &conv, true, NULL);
		raw(&w, "<table><caption>");
		txt(&w, L(&w, "Sentences", "Kazne"));
		raw(&w, "</caption><tbody>");
		int64_t recorded = jint(se, "recorded");
		struct lt_cell c = count_cell(&w, recorded);
		fig_row(&w, L(&w, "Sentences recorded", "Evidentirane kazne"), &c);
		derived_row(&w, L(&w, "Median sentence (months)", "Medijana kazne (meseci)"),
			    json_object_get(se, "median_months"),
			    lt_report_derived(recorded, LT_CELL_SHOWN, w.t), false);
		struct lt_cell sus = count_cell(&w, jint(se, "suspended"));
		fig_row(&w, L(&w, "Suspended", "Uslovne"), &sus);
		derived_row(&w, L(&w, "Share suspended (%)", "Udeo uslovnih (%)"),
			    json_object_get(se, "suspended_percent"),
			    lt_report_derived(recorded, sus.st, w.t), true);
		c = count_cell(&w, jint(se, "with_incarceration"));
		fig_row(&w, L(&w, "With a prison term not suspended", "Sa bezuslovnom kaznom zatvora"), &c);
		raw(&w, "</tbody></table>");
	}
	{
		const json_t *comp = json_object_get(cur, "compensation");
		raw(&w, "<table><caption>");
		txt(&w, L(&w, "Compensation claims (amounts by currency)", "Zahtevi za naknadu štete (iznosi po valuti)"));
		raw(&w, "</caption><thead><tr><th></th>");
		static const char *const stages[3] = {"claimed", "awarded", "paid"};
		static const char *const stage_en[3] = {"claimed", "awarded", "paid"};
		static const char *const stage_sr[3] = {"podneto", "dosuđeno", "isplaćeno"};
		for (int s = 0; s < 3; s++) {
			raw(&w, "<th class=\"n\">");
			txt(&w, L(&w, stage_en[s], stage_sr[s]));
			raw(&w, "</th><th class=\"n\">");
			txt(&w, L(&w, "amount", "iznos"));
			raw(&w, "</th>");
		}
		raw(&w, "</tr></thead><tbody>");
		const char *k;
		json_t *v;
		json_object_foreach((json_t *)comp, k, v) {
			raw(&w, "<tr><td>");
			txt(&w, label_of(&w, -1, forum_labels, k));
			raw(&w, "</td>");
			for (int s = 0; s < 3; s++) {
				const json_t *st = json_object_get(v, stages[s]);
				struct lt_cell c = count_cell(&w, jint(st, "count"));
				cell_td(&w, &c);
				raw(&w, "<td class=\"n\">");
				const json_t *amounts = json_object_get(st, "amount");
				if (json_object_size(amounts) == 0) {
					txt(&w, "–");
				} else if (lt_report_derived(c.v, LT_CELL_SHOWN, w.t) != LT_CELL_SHOWN) {
					w.any_withheld = true;
					txt(&w, "[c]");
				} else {
					const char *cur_code;
					json_t *amt;
					bool first = true;
					json_object_foreach((json_t *)amounts, cur_code, amt) {
						rawf(&w, "%s%lld ", first ? "" : "; ",
						     (long long)json_integer_value(amt));
						txt(&w, cur_code);
						first = false;
					}
				}
				raw(&w, "</td>");
			}
			raw(&w, "</tr>");
		}
		raw(&w, "</tbody></table>");
		raw(&w, "<table><caption>");
		txt(&w, L(&w, "Victims and alerts", "Žrtve i upozorenja"));
		raw(&w, "</caption><tbody>");
		struct lt_cell c = count_cell(&w, jint(cur, "victims_penalised"));
		fig_row(&w, L(&w, "Victims penalised (proceedings against them ended in a penalty)",
			      "Kažnjene žrtve (postupak protiv njih okončan kaznom)"), &c);
		raw(&w, "</tbody></table>");
		map_table(&w, L(&w, "Compliance alerts open now, by rule", "Otvorena upozorenja o usklađenosti, po pravilu"),
			  json_object_get(cur, "open_alerts_by_rule"), -1, NULL, NULL, NULL, false, NULL);
	}
	raw(&w, "</section>");

	/* The paragraph goes first in the document, written last. */
	w.out = saved;
	paragraph(&w, cur, prev, expl, sex_age, &ref_total, &id_total);
	if (!w.rc)
		w.rc = lt_buf_add(w.out, body.data, body.len);
	lt_buf_release(&body);
	foot(&w);
	return w.rc;
}

/* The figures of the trend table, in order. */
static const struct label trend_rows[] = {
	{"referred", "Potential victims referred", "Upućene potencijalne žrtve"},
	{"identified", "Victims identified", "Identifikovane žrtve"},
	{"identified_children", "of whom children", "od toga deca"},
	{"identified_foreign", "of whom foreign nationals", "od toga strani državljani"},
	{"pending_decisions_at_year_end", "Awaiting a decision at year end", "Čekaju odluku na kraju godine"},
	{"victims_assisted", "Identified victims assisted", "Identifikovane žrtve koje su dobile pomoć"},
	{"turn_aways", "Persons a shelter could not take", "Osobe koje prihvatilište nije moglo da primi"},
	{"investigations_opened", "Investigations opened", "Pokrenute istrage"},
	{"indictments", "Indictments", "Optužnice"},
	{"convictions", "Convictions", "Osuđujuće presude"},
	{"victims_penalised", "Victims penalised", "Kažnjene žrtve"},
	{NULL, NULL, NULL}};

#define TREND_MAX_YEARS 64

lt_err lt_report_trend_html(struct lt_buf *out, const json_t *trend, const struct lt_report_opts *o)
{
	struct w w;
	lt_err rc = w_init(&w, out, o);
	if (rc)
		return rc;
	const json_t *years = json_object_get(trend, "years");
	size_t ny = json_array_size(years);
	if (ny > TREND_MAX_YEARS)
		return LT_ERR_INVALID;
	int64_t from = jint(trend, "from"), to = jint(trend, "to");
	char title[160];
	snprintf(title, sizeof(title),
		 w.lang ? "Trgovina ljudima: kretanja %lld–%lld" : "Trafficking in persons: trends %lld–%lld",
		 (long long)from, (long long)to);
	head(&w, title, o);
	int64_t ys[TREND_MAX_YEARS];
	struct lt_cell referred[TREND_MAX_YEARS], identified[TREND_MAX_YEARS];
	for (size_t i = 0; i < ny; i++) {
		const json_t *y = json_array_get(years, i);
		ys[i] = jint(y, "year");
		referred[i] = count_cell(&w, jint(y, "referred"));
		identified[i] = count_cell(&w, jint(y, "identified"));
	}
	/* A sentence on the first and last year. */
	if (ny >= 2) {
		char s[400];
		char a[48], b[48];
		const struct lt_cell *ends[2] = {&identified[ny - 1], &identified[0]};
		char *texts[2] = {a, b};
		for (int e = 0; e < 2; e++) {
			if (ends[e]->st == LT_CELL_SMALL)
				snprintf(texts[e], 48, w.lang ? "manje od %lld" : "fewer than %lld",
					 (long long)w.nominal_t);
			else
				cell_text(ends[e], w.nominal_t, texts[e], 48);
		}
		if (w.lang)
			snprintf(s, sizeof(s), "U %lld. godini identifikovano je žrtava: %s, u poređenju sa %s u %lld. godini.",
				 (long long)ys[ny - 1], a, b, (long long)ys[0]);
		else
			snprintf(s, sizeof(s), "In %lld, the government identified %s %s, compared with %s in %lld.",
				 (long long)ys[ny - 1], a,
				 identified[ny - 1].st == LT_CELL_SHOWN && identified[ny - 1].v == 1 ? "victim" : "victims",
				 b, (long long)ys[0]);
		raw(&w, "<section><p class=\"paragraph\" id=\"protection\">");
		txt(&w, s);
		raw(&w, "</p></section>");
	}
	h2(&w, "Main figures by year", "Glavni podaci po godinama");
	raw(&w, "<table><thead><tr><th></th>");
	for (size_t i = 0; i < ny; i++)
		rawf(&w, "<th class=\"n\">%lld</th>", (long long)ys[i]);
	raw(&w, "</tr></thead><tbody>");
	for (const struct label *r = trend_rows; r->key; r++) {
		raw(&w, "<tr><td>");
		txt(&w, L(&w, r->en, r->sr));
		raw(&w, "</td>");
		for (size_t i = 0; i < ny; i++) {
			struct lt_cell c = count_cell(&w, jint(json_array_get(years, i), r->key));
			cell_td(&w, &c);
		}
		raw(&w, "</tr>");
	}
	raw(&w, "</tbody></table>");
	struct lt_chart_series series[2] = {
		{L(&w, "referred", "upućene"), referred},
		{L(&w, "identified", "identifikovane"), identified},
	};
	struct lt_buf names[2], ttl;
	lt_buf_init(&ttl, 0);
	for (int s = 0; s < 2; s++) {
		lt_buf_init(&names[s], 0);
		if (!w.rc)
			w.rc = w.lang == 2 ? lt_vocab_cyrillic(series[s].name, &names[s])
					   : lt_buf_adds(&names[s], series[s].name);
		if (!w.rc)
			w.rc = lt_buf_add(&names[s], "", 1);
		if (!w.rc)
			series[s].name = (const char *)names[s].data;
	}
	const char *t = L(&w, "Referred and identified, by year", "Upućene i identifikovane, po godinama");
	if (!w.rc)
		w.rc = w.lang == 2 ? lt_vocab_cyrillic(t, &ttl) : lt_buf_adds(&ttl, t);
	if (!w.rc)
		w.rc = lt_buf_add(&ttl, "", 1);
	if (!w.rc)
		w.rc = lt_report_svg_trend(w.out, (const char *)ttl.data, ys, ny, series, 2, w.nominal_t);
	for (int s = 0; s < 2; s++)
		lt_buf_release(&names[s]);
	lt_buf_release(&ttl);
	/* Identified by form of exploitation, year by year, with secondary
	 * suppression against each year's total. */
	raw(&w, "</section>");
	h2(&w, "Identified victims by form of exploitation", "Identifikovane žrtve po obliku eksploatacije");
	raw(&w, "<table><thead><tr><th></th>");
	for (size_t i = 0; i < ny; i++)
		rawf(&w, "<th class=\"n\">%lld</th>", (long long)ys[i]);
	raw(&w, "</tr></thead><tbody>");
	struct lt_cell grid[TREND_MAX_YEARS][LT_EXPL_COUNT];
	struct lt_cell totals[TREND_MAX_YEARS];
	for (size_t i = 0; i < ny; i++) {
		const json_t *y = json_array_get(years, i);
		const json_t *e = json_object_get(y, "identified_by_exploitation");
		for (int g = 0; g < LT_EXPL_COUNT; g++)
			grid[i][g].v = jint(e, lt_stats_expl_name((enum lt_stats_expl)g));
		totals[i].v = jint(y, "identified");
		lt_report_suppress(grid[i], LT_EXPL_COUNT, &totals[i], w.t);
	}
	for (int g = 0; g < LT_EXPL_COUNT; g++) {
		raw(&w, "<tr><td>");
		txt(&w, label_of(&w, -1, expl_labels, lt_stats_expl_name((enum lt_stats_expl)g)));
		raw(&w, "</td>");
		for (size_t i = 0; i < ny; i++)
			cell_td(&w, &grid[i][g]);
		raw(&w, "</tr>");
	}
	raw(&w, "<tr class=\"total\"><td>");
	txt(&w, L(&w, "Total identified", "Ukupno identifikovano"));
	raw(&w, "</td>");
	for (size_t i = 0; i < ny; i++)
		cell_td(&w, &totals[i]);
	raw(&w, "</tr></tbody></table></section>");
	foot(&w);
	return w.rc;
}
