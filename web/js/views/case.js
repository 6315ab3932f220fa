// One case: summary, identity on request, decisions and the actions the
// server offers now (next_actions), cooperation, consent, the parts of the
// case that have their routes (reflection periods, services, placements,
// referrals), and the timeline. No name appears anywhere unless the user
// presses "Show identity" (audited by the server); it is gone again after
// "Hide identity", after any navigation, and it is never printed.
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { field, textareaField, choiceField, controller } from '../forms.js';
import { t, formatDate, formatDateTime, today, has } from '../i18n.js';
import { reference, label } from '../vocab.js';
import { statusBadge, statusLabel, ageGroupLabel, row, joinLabels, dateErrors } from '../caseui.js';
import { PARTS, EVENT_PARTS, HAS } from './caseparts.js';
import { screeningPart } from './screening.js';
import { JUSTICE_PARTS } from './justice.js';
import { caseAlertsPart } from './alerts.js';

export const title = 'case.title';

const OUTCOMES = {
  reasonable_grounds: ['positive', 'negative'],
  identify: ['identified', 'not_identified'],
  review: ['upheld', 'overturned'],
  close: [],
  reopen: [],
};

export function render(main, ctx) {
  const id = ctx.params[0];
  const heading = h('h1', { id: 'page-title', tabindex: '-1', text: t('case.title') });
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted', text: t('common.loading') }));
  replace(main,
    h('p', { class: 'back' }, h('a', { href: '#/cases', text: t('case.backToList') })),
    heading,
    ctx.flash ? h('div', { class: 'notice', text: ctx.flash }) : null,
    body);
  Promise.all([api.get(`/cases/${id}`), reference()]).then(([c, ref]) => {
    if (!ctx.isCurrent()) return;
    body.removeAttribute('aria-busy');
    new CasePage(ctx, heading, body, c, ref).draw();
  }).catch((err) => {
    if (!ctx.isCurrent() || err.status === 401) return;
    body.removeAttribute('aria-busy');
    replace(body, h('p', { class: 'error-text', role: 'alert', text: err.status === 404 ? t('case.notFound') : ctx.describeError(err) }));
  });
}

class CasePage {
  constructor(ctx, heading, body, c, ref) {
    Object.assign(this, { ctx, heading, body, c, ref });
    this.slots = {};
    this.identity = null; // built once, so a redraw does not re-request it
  }

  /** Builds the page; after a change, UPDATE redraws only the slots. */
  draw() {
    const { c } = this;
    this.heading.textContent = t('case.heading', { number: c.case_number });
    // Alerts and the justice sections only when the case has their members
    // (the server leaves them out for roles that may not read them).
    this.extra = [caseAlertsPart, ...JUSTICE_PARTS].filter((p) => p.present(c));
    const has = (id) => this.extra.some((p) => p.id === id);
    const order = ['summary', ...(has('alerts') ? ['alerts'] : []), 'identity', 'screening', 'decisions', ...PARTS.map((p) => p.id).filter((x) => x === 'reflection'),
      'cooperation', 'consent', ...PARTS.map((p) => p.id).filter((x) => x !== 'reflection'),
      ...JUSTICE_PARTS.map((p) => p.id).filter(has), 'timeline'];
    for (const name of order) {
      this.slots[name] = h('section', { class: 'panel case-section', id: `section-${name}`, 'aria-labelledby': `${name}-title` });
    }
    replace(this.body,
      h('div', { class: 'case-tools' },
        h('button', { type: 'button', class: 'button button--secondary', text: t('case.print'), onclick: () => window.print() })),
      order.map((n) => this.slots[n]));
    this.buildIdentity();
    this.fill();
  }

  fill() {
    this.summary();
    this.decisions();
    this.cooperation();
    this.consent();
    for (const part of [screeningPart, ...PARTS, ...this.extra]) part.render(this.slots[part.id], this);
    this.timeline();
  }

  /** Adopts the case C returned by a write, redraws, and puts focus and a
   *  message at the top of SECTION. */
  update(c, section, message) {
    this.c = c;
    this.fill();
    const slot = this.slots[section];
    if (slot && message) {
      slot.querySelector('h2')?.after(h('div', { class: 'notice', text: message }));
      slot.querySelector('h2')?.focus();
    }
    this.ctx.announce(message);
  }

  label(kind, code) { return label(this.ref.vocab, kind, code); }

  /** Decisions, cooperation, consent and the reflection period are the
   *  owning organisation's (or a coordinator's); an organisation that sees
   *  the case through a referral records services, stays and referrals only. */
  mayDecide() {
    const { ctx, c } = this;
    const user = ctx.state.user;
    return ctx.can('decide') && (user.role === 'coordinator' || c.organisation?.id === user.organisation?.id);
  }

  sectionTitle(name, text) {
    return h('h2', { id: `${name}-title`, tabindex: '-1', text });
  }

  // ---- summary --------------------------------------------------------

  summary() {
    const { c } = this;
    const p = c.person ?? {};
    const age = p.age_at_referral === null || p.age_at_referral === undefined ? ''
      : `${p.age_at_referral}${p.age_uncertain ? ` ${t('case.ageEstimated')}` : ''}`;
    replace(this.slots.summary,
      this.sectionTitle('summary', t('case.summary')),
      h('dl', { class: 'summary-list' },
        row(t('cases.col.status'), statusBadge(c.status)),
        row(t('common.organisation'), c.organisation?.name),
        row(t('new.sex'), this.label('sex', p.sex)),
        row(t('case.ageAtReferral'), age),
        row(t('cases.col.age'), ageGroupLabel(p.child)),
        row(t('new.citizenship'), joinLabels((p.citizenship ?? []).map((x) => this.label('country', x)))),
        row(t('new.referralDate'), formatDate(c.referral?.date)),
        row(t('new.source'), this.label('referral_source', c.referral?.source)),
        row(t('new.referringOrg'), c.referral?.organisation),
        row(t('new.forms'), joinLabels((c.exploitation ?? []).map((x) => this.label('exploitation', x)))),
        row(t('new.countries'), joinLabels((c.countries_of_exploitation ?? []).map((x) => this.label('country', x)))),
        c.group_id ? row(t('group.label'), this.groupLink(c.group_id)) : null));
  }

  groupLink(groupId) {
    return HAS.groups
      ? h('a', { href: `#/groups/${groupId}`, text: t('group.number', { id: groupId }) })
      : t('group.number', { id: groupId });
  }

  // ---- identity -------------------------------------------------------

  buildIdentity() {
    const slot = this.slots.identity;
    const { c, ctx } = this;
    slot.classList.add('identity');
    if (!ctx.can('identity')) {
      replace(slot, this.sectionTitle('identity', t('identity.title')), h('p', { text: t('identity.notAllowed') }));
      return;
    }
    const box = h('div', { class: 'identity__box', id: 'identity-box', tabindex: '-1', hidden: true, 'aria-labelledby': 'identity-title' });
    const message = h('div', { class: 'form-messages' });
    const show = h('button', { type: 'button', class: 'button', id: 'show-identity', text: t('identity.show') });
    const hide = h('button', { type: 'button', class: 'button button--secondary', id: 'hide-identity', text: t('identity.hide'), hidden: true });
    show.addEventListener('click', async () => {
      if (show.getAttribute('aria-disabled') === 'true') return;
      show.setAttribute('aria-disabled', 'true');
      message.replaceChildren();
      try {
        const who = await api.get(`/cases/${c.id}/identity`);
        if (!show.isConnected) return;
        replace(box, h('dl', { class: 'summary-list' },
          row(t('new.givenName'), who.given_name),
          row(t('new.familyName'), who.family_name),
          row(t('new.birthDate'), who.birth_date ? formatDate(who.birth_date) : ''),
          row(t('new.birthYear'), who.birth_year ? String(who.birth_year) : '')));
        box.hidden = false;
        show.hidden = true;
        hide.hidden = false;
        box.focus();
      } catch (err) {
        if (err.status === 401) return;
        replace(message, h('p', { class: 'error-text', role: 'alert', text: err.status === 403 ? t('identity.noConsent') : ctx.describeError(err) }));
      } finally {
        show.removeAttribute('aria-disabled');
      }
    });
    hide.addEventListener('click', () => {
      box.replaceChildren();
      box.hidden = true;
      hide.hidden = true;
      show.hidden = false;
      show.focus();
      ctx.announce(t('identity.hidden'));
    });
    replace(slot,
      this.sectionTitle('identity', t('identity.title')),
      h('p', { text: c.person?.has_name ? t('identity.explain') : t('identity.explainNoName') }),
      message,
      h('div', { class: 'actions' }, show, hide),
      box);
  }

  // ---- decisions ------------------------------------------------------

  decisions() {
    const { c, ctx, ref } = this;
    const slot = this.slots.decisions;
    const rg = c.reasonable_grounds ?? {};
    const idn = c.identification ?? {};
    const actions = this.mayDecide() ? (c.next_actions ?? []).filter((a) => a in OUTCOMES) : [];
    const formSlot = h('div', { class: 'action-form' });
    const buttons = actions.map((a) => h('button', {
      type: 'button', class: 'button button--secondary', id: `action-${a}`, 'aria-expanded': 'false',
      'aria-controls': 'action-form', text: t(`action.${a}`),
    }));
    buttons.forEach((b, i) => b.addEventListener('click', () => {
      const open = b.getAttribute('aria-expanded') === 'true';
      buttons.forEach((x) => x.setAttribute('aria-expanded', 'false'));
      formSlot.replaceChildren();
      formSlot.removeAttribute('id');
      if (open) return;
      b.setAttribute('aria-expanded', 'true');
      formSlot.id = 'action-form';
      formSlot.append(this.decisionForm(actions[i], () => {
        b.setAttribute('aria-expanded', 'false');
        formSlot.replaceChildren();
        b.focus();
      }));
      formSlot.querySelector('h3')?.focus();
    }));
    const rgDeadline = ref.jurisdiction?.reasonable_grounds_deadline_working_days;
    replace(slot,
      this.sectionTitle('decisions', t('case.decisions')),
      h('dl', { class: 'summary-list' },
        row(t('cases.col.status'), statusBadge(c.status)),
        row(t('terms.reasonableGrounds'), rg.outcome && rg.outcome !== 'pending'
          ? `${t(`outcome.${rg.outcome}`)}${rg.date ? ` · ${formatDate(rg.date)}` : ''}` : t('outcome.pending')),
        row(t('case.identification'), idn.outcome && idn.outcome !== 'pending'
          ? `${t(`outcome.${idn.outcome}`)}${idn.date ? ` · ${formatDate(idn.date)}` : ''}${idn.body ? ` · ${idn.body}` : ''}`
          : t('outcome.pending'))),
      h('details', { class: 'explain' },
        h('summary', { text: t('case.whatAreDecisions') }),
        h('p', { text: t('terms.reasonableGrounds.text') }),
        rgDeadline ? h('p', { text: t('case.rgDeadline', { days: rgDeadline }) }) : null,
        h('p', { text: t('case.identificationExplain', { adult: ref.jurisdiction?.adult_body ?? '', child: ref.jurisdiction?.child_body ?? '' }) })),
      actions.length ? h('h3', { class: 'small-heading no-print', text: t('case.nextSteps') }) : null,
      actions.length ? h('div', { class: 'actions actions--tight' }, buttons) : null,
      formSlot,
      this.decisionList());
  }

  /** Whether decision D is a review that overturned a negative
   *  reasonable-grounds decision (the last other decision before it). */
  reviewsGrounds(d) {
    if (d.stage !== 'review' || d.outcome !== 'overturned') return false;
    const before = (this.c.decisions ?? []).filter((x) => x.stage !== 'review' && x.id < d.id).sort((a, b) => a.id - b.id).at(-1);
    return before?.stage === 'reasonable_grounds';
  }

  decisionList() {
    const list = this.c.decisions ?? [];
    if (!list.length) return h('p', { class: 'muted', text: t('case.noDecisions') });
    return h('div', null,
      h('h3', { class: 'small-heading', text: t('case.decisionHistory') }),
      h('ul', { class: 'records' }, list.map((d) => h('li', null,
        h('p', { class: 'records__title' },
          h('strong', { text: t(`stage.${d.stage}`) }), ': ', t(this.reviewsGrounds(d) ? 'outcome.overturned.reasonable_grounds' : `outcome.${d.outcome}`)),
        h('p', { class: 'muted', text: [formatDate(d.date), d.body].filter(Boolean).join(' · ') }),
        d.reasons ? h('p', { class: 'reasons' }, h('span', { class: 'visually-hidden', text: `${t('decision.reasons')}: ` }), d.reasons)
          : d.reasons_recorded ? h('p', { class: 'muted', text: t('case.reasonsHidden') }) : null))));
  }

  /** The body that decides on DATE when none is named, as the server
   *  picks it: the body for children when the person is a child or, their
   *  age being uncertain or unknown, is presumed one (no age assessment by
   *  DATE found them adult); else the body for adults. */
  defaultBody(date) {
    const { c, ref } = this;
    const p = c.person ?? {};
    let child = p.child === true;
    if (p.age_uncertain || p.child == null) {
      const done = (c.age_assessments ?? []).filter((a) => a.date <= date)
        .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
      child = done.at(-1)?.result !== 'adult';
    }
    return child ? ref.jurisdiction?.child_body : ref.jurisdiction?.adult_body;
  }

  /** The last decision other than a review: what a review looks at. */
  reviewedDecision() {
    return (this.c.decisions ?? []).filter((d) => d.stage !== 'review').sort((a, b) => a.id - b.id).at(-1);
  }

  /** The date a new move may not precede: the referral, or the latest
   *  decision or move on the case. */
  lastStepDate() {
    const { c } = this;
    const dates = [c.referral?.date, ...(c.decisions ?? []).map((d) => d.date),
      ...(c.timeline ?? []).filter((e) => e.kind === 'transition').map((e) => e.date)].filter(Boolean);
    return dates.sort().at(-1);
  }

  decisionForm(action, close) {
    const { c } = this;
    const outcomes = OUTCOMES[action];
    // Overturning a negative reasonable-grounds decision opens the
    // assessment; overturning a conclusive one identifies the person.
    const reviewsGrounds = action === 'review' && this.reviewedDecision()?.stage === 'reasonable_grounds';
    const outcomeLabel = (o) => t(reviewsGrounds && o === 'overturned' ? 'outcome.overturned.reasonable_grounds' : `outcome.${o}`);
    const notBefore = this.lastStepDate();
    const fields = {};
    if (outcomes.length) {
      fields.outcome = choiceField({ id: 'decision-outcome', name: 'outcome', legend: t('decision.outcome'),
        options: outcomes.map((o) => ({ value: o, label: outcomeLabel(o), hint: has(`outcome.${o}.hint`) ? t(`outcome.${o}.hint`) : null })) });
    }
    fields.date = field({ id: 'decision-date', name: 'date', label: t('decision.date'), type: 'date',
      attrs: { max: today(), min: notBefore, value: today() } });
    // Every decision records who took it, reasonable grounds included.
    if (outcomes.length) {
      const hintFor = (date) => {
        const body = this.defaultBody(date || today());
        return body ? t('decision.bodyHint', { body }) : null;
      };
      fields.body = field({ id: 'decision-body', name: 'body', label: t('decision.body'), required: false,
        hint: hintFor(today()), attrs: { maxlength: 160 } });
      const hint = fields.body.querySelector('.hint');
      fields.date.input.addEventListener('change', () => {
        const text = hintFor(fields.date.input.value);
        if (hint && text) hint.textContent = text;
      });
    }
    fields.reasons = textareaField({ id: 'decision-reasons', name: 'reasons', label: t('decision.reasons'),
      hint: t('decision.reasonsHint'), attrs: { maxlength: 4000 } });
    const submitLabel = t(`action.${action}.submit`);
    return this.smallForm({
      heading: t(`action.${action}`),
      explain: t(reviewsGrounds ? 'action.review.explain.reasonable_grounds' : `action.${action}.explain`),
      fields,
      submitLabel,
      cancel: close,
      check: () => {
        const errs = [];
        if (fields.outcome && !fields.outcome.value()) errs.push({ field: 'outcome', message: t('decision.error.outcome') });
        dateErrors(fields, 'date', true, notBefore, errs,
          notBefore && notBefore !== c.referral?.date ? 'decision.error.beforeLast' : undefined);
        if (!fields.reasons.input.value.trim()) errs.push({ field: 'reasons', message: t('decision.error.reasons') });
        return errs;
      },
      submit: async () => {
        const body = { action, date: fields.date.input.value, reasons: fields.reasons.input.value.trim() };
        if (fields.outcome) body.outcome = fields.outcome.value();
        const who = fields.body?.input.value.trim();
        if (who) body.body = who;
        const next = await api.post(`/cases/${c.id}/transitions`, body);
        this.update(next, 'decisions', t('decision.done', { status: statusLabel(next.status) }));
      },
    });
  }

  /** A small form in a case section: heading, explanation, fields, submit
   *  (and cancel). Errors from the server appear next to their fields; a
   *  409 is shown as the server's sentence. */
  smallForm({ heading, explain, fields, body, submitLabel, submit, check, cancel, id, resolve }) {
    const messages = h('div', { class: 'form-messages' });
    const button = h('button', { type: 'submit', class: 'button', text: submitLabel });
    const form = h('form', { class: 'form', novalidate: true, id },
      heading ? h('h3', { tabindex: '-1', text: heading }) : null,
      explain ? h('p', { class: 'explain-text', text: explain }) : null,
      messages,
      body ?? Object.values(fields),
      h('div', { class: 'actions' }, button,
        cancel ? h('button', { type: 'button', class: 'button button--secondary', text: t('common.cancel'), onclick: cancel }) : null));
    controller({ form, messages, fields, button, label: submitLabel, ctx: this.ctx, submit, check, resolve });
    return form;
  }

  /** A "Record …" button that opens FORM (built by MAKE) below it. */
  disclosure(name, buttonText, make) {
    const slot = h('div', { class: 'action-form', id: `${name}-form-slot` });
    const button = h('button', {
      type: 'button', class: 'button button--secondary', id: `open-${name}`, 'aria-expanded': 'false',
      'aria-controls': `${name}-form-slot`, text: buttonText,
    });
    const closeForm = () => {
      button.setAttribute('aria-expanded', 'false');
      slot.replaceChildren();
      button.focus();
    };
    button.addEventListener('click', () => {
      if (button.getAttribute('aria-expanded') === 'true') { closeForm(); return; }
      button.setAttribute('aria-expanded', 'true');
      slot.replaceChildren(make(closeForm));
      (slot.querySelector('h3') ?? slot.querySelector('input, select, textarea'))?.focus();
    });
    return [h('div', { class: 'actions actions--tight' }, button), slot];
  }

  // ---- cooperation and consent ----------------------------------------

  cooperation() {
    const { c, ctx } = this;
    const statuses = ['undecided', 'cooperating', 'declined'];
    replace(this.slots.cooperation,
      this.sectionTitle('cooperation', t('coop.title')),
      h('p', { class: 'key-fact' }, t('coop.current'), ' ', h('strong', { text: t(`coop.${c.cooperation ?? 'undecided'}`) })),
      h('p', { class: 'explain-text', text: t('coop.explain') }),
      this.mayDecide() ? this.disclosure('cooperation', t('coop.record'), (close) => {
        const fields = {
          status: choiceField({ id: 'coop-status', name: 'cooperation', legend: t('coop.status'), value: c.cooperation,
            options: statuses.map((s) => ({ value: s, label: t(`coop.${s}`) })) }),
          date: field({ id: 'coop-date', name: 'date', label: t('decision.date'), type: 'date',
            attrs: { max: today(), min: c.referral?.date, value: today() } }),
          note: textareaField({ id: 'coop-note', name: 'note', label: t('common.note'), required: false,
            hint: t('common.noteHint'), attrs: { maxlength: 4000, rows: 3 } }),
        };
        return this.smallForm({
          heading: t('coop.record'), fields, submitLabel: t('coop.submit'), cancel: close,
          check: () => {
            const errs = [];
            if (!fields.status.value()) errs.push({ field: 'status', message: t('coop.error.status') });
            dateErrors(fields, 'date', true, c.referral?.date, errs);
            return errs;
          },
          submit: async () => {
            const body = { status: fields.status.value(), date: fields.date.input.value };
            const note = fields.note.input.value.trim();
            if (note) body.note = note;
            this.update(await api.post(`/cases/${c.id}/cooperation`, body), 'cooperation', t('coop.done'));
          },
        });
      }) : null);
  }

  consent() {
    const { c, ctx } = this;
    const r = c.referral ?? {};
    replace(this.slots.consent,
      this.sectionTitle('consent', t('consent.title')),
      h('p', { class: 'key-fact' }, t('consent.current'), ' ',
        h('strong', { text: r.consent ? t('consent.given', { date: formatDate(r.consent_date) }) : t('consent.notGiven') })),
      h('p', { class: 'explain-text', text: t('consent.explain') }),
      this.mayDecide() ? this.disclosure('consent', t('consent.record'), (close) => {
        const fields = {
          consent: choiceField({ id: 'consent-value', name: 'consent', legend: t('consent.question'), value: r.consent ? 'true' : 'false',
            options: [{ value: 'true', label: t('consent.yes') }, { value: 'false', label: t('consent.no') }] }),
          date: field({ id: 'consent-date', name: 'date', label: t('decision.date'), type: 'date',
            attrs: { max: today(), min: r.date, value: today() } }),
        };
        return this.smallForm({
          heading: t('consent.record'), fields, submitLabel: t('consent.submit'), cancel: close,
          check: () => dateErrors(fields, 'date', true, r.date, []),
          submit: async () => {
            const next = await api.post(`/cases/${c.id}/consent`, { consent: fields.consent.value() === 'true', date: fields.date.input.value });
            this.update(next, 'consent', t('consent.done'));
          },
        });
      }) : null);
  }

  // ---- timeline -------------------------------------------------------

  timeline() {
    const events = this.c.timeline ?? [];
    replace(this.slots.timeline,
      this.sectionTitle('timeline', t('case.timeline')),
      events.length
        ? h('ol', { class: 'timeline' }, events.map((e) => h('li', { class: `timeline__item timeline__item--${e.kind}` },
          h('p', { class: 'timeline__date', text: formatDate(e.date) }),
          h('p', { class: 'timeline__what', text: this.eventText(e) }),
          e.reasons ? h('p', { class: 'reasons' }, h('span', { class: 'visually-hidden', text: `${t('decision.reasons')}: ` }), e.reasons) : null,
          h('p', { class: 'timeline__meta', text: t('case.recordedAt', { time: formatDateTime(e.recorded_at) }) }))))
        : h('p', { class: 'muted', text: t('case.noEvents') }));
  }

  /** One timeline event in words. Kinds the UI does not know yet are shown
   *  by their code, so nothing recorded is ever hidden. */
  eventText(e) {
    const d = e.detail ?? {};
    const move = e.from && e.to && e.from !== e.to ? ` (${statusLabel(e.from)} → ${statusLabel(e.to)})` : '';
    switch (e.kind) {
      case 'referral':
        return t('event.referral', { source: this.label('referral_source', d.source) });
      case 'transition':
        return `${t(`event.transition.${e.action}`)}${d.outcome ? `: ${t(d.reviewed === 'reasonable_grounds' && d.outcome === 'overturned' ? 'outcome.overturned.reasonable_grounds' : `outcome.${d.outcome}`)}` : ''}${d.body ? ` · ${d.body}` : ''}${move}`;
      case 'cooperation':
        return t('event.cooperation', { status: t(`coop.${e.action}`) });
      case 'consent':
        return t(e.action === 'given' ? 'event.consentGiven' : 'event.consentWithdrawn');
      default: {
        const part = [screeningPart, ...EVENT_PARTS, ...JUSTICE_PARTS].find((p) => p.kinds.includes(e.kind));
        if (part) return part.eventText(e, this);
        const key = `event.${e.kind}${e.action ? `.${e.action}` : ''}`;
        return has(key) ? t(key) : [e.kind, e.action].filter(Boolean).join(': ') + move;
      }
    }
  }
}
