// The parts of a case recorded after the referral: the recovery and
// reflection period, services, accommodation (placements) and referrals to
// other organisations. Each is a section of the case page with a list and
// the forms to record more; each also says how its timeline events read.
// A part is {id, kinds, render(slot, page), eventText(event, page)}.
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { field, textareaField, selectField, choiceField, checkField, showNotice } from '../forms.js';
import { t, formatDate, today } from '../i18n.js';
import { options, orgName } from '../vocab.js';
import { dateErrors } from '../caseui.js';

// Pages outside the case page that exist (the group page).
export const HAS = { groups: true };

const opts = (codes, prefix) => codes.map((c) => ({ value: c, label: t(`${prefix}.${c}`) }));
const noteField = (id) => textareaField({ id, name: 'note', label: t('common.note'), required: false,
  hint: t('common.noteHint'), attrs: { maxlength: 4000, rows: 3 } });
const dateField = (id, label, { min, value = today(), required = true, hint } = {}) =>
  field({ id, name: id, label, type: 'date', required, hint, attrs: { max: today(), min, value } });
const addDays = (iso, n) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const daysBetween = (a, b) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);
const withNote = (body, w) => {
  const v = w.input.value.trim();
  if (v) body.note = v;
  return body;
};
const list = (items, render) => h('ul', { class: 'records' }, items.map((x) => h('li', null, render(x))));
const line = (...parts) => h('p', null, parts.filter((p) => p !== null && p !== undefined && p !== ''));
const noteText = (text) => (text ? h('p', { class: 'reasons' }, h('span', { class: 'visually-hidden', text: `${t('common.note')}: ` }), text) : null);

// ---- recovery and reflection period ------------------------------------

const REFUSAL_GROUNDS = ['public_order', 'improper_claim', 'other'];
const END_GROUNDS = ['public_order', 'improper_claim', 'victim_request', 'residence_granted', 'other'];

const reflection = {
  id: 'reflection',
  kinds: ['reflection'],
  render(slot, page) {
    const { c, ref } = page;
    const min = ref.jurisdiction?.reflection_min_days ?? 30;
    const periods = c.reflection_periods ?? [];
    const open = periods.find((p) => p.status === 'granted');
    const decide = page.mayDecide();
    replace(slot,
      page.sectionTitle('reflection', t('terms.reflection')),
      h('p', { class: 'explain-text', text: t('refl.explain', { min }) }),
      periods.length ? list(periods, (p) => [
        h('p', { class: 'records__title' }, h('strong', { text: t(`refl.status.${p.status}`) }),
          p.status === 'refused' ? ` · ${formatDate(p.decision_date)}` : ''),
        p.start_date ? line(t('refl.period', { start: formatDate(p.start_date), end: formatDate(p.actual_end_date ?? p.planned_end_date) }),
          p.actual_days !== null && p.actual_days !== undefined ? ` (${t('refl.days', { n: p.actual_days })})`
            : p.planned_days !== null && p.planned_days !== undefined ? ` (${t('refl.days', { n: p.planned_days })})` : '') : null,
        p.shorter_than_minimum ? h('p', { class: 'warning-text', text: t('refl.short', { min: p.min_days }) }) : null,
        p.grounds ? line(`${t('refl.grounds')}: `, t(`refl.ground.${p.grounds}`)) : null,
        noteText(p.note), noteText(p.end_note),
      ]) : h('p', { class: 'muted', text: t('refl.none') }),
      decide && open ? page.disclosure('refl-end', t('refl.end'), (close) => {
        const f = {
          actual_end_date: dateField('refl-actual-end', t('refl.actualEnd'), { min: open.start_date }),
          grounds: selectField({ id: 'refl-end-grounds', name: 'grounds', label: t('refl.grounds'), required: false,
            hint: t('refl.endGroundsHint', { min }), placeholder: t('form.choose'), options: opts(END_GROUNDS, 'refl.ground') }),
          note: noteField('refl-end-note'),
        };
        return page.smallForm({
          heading: t('refl.end'), fields: f, submitLabel: t('refl.endSubmit'), cancel: close,
          check: () => {
            const errs = dateErrors(f, 'actual_end_date', true, open.start_date, [], 'form.error.beforeStart');
            const end = f.actual_end_date.input.value;
            // A period granted short already has grounds; kept to its plan it needs no more.
            if (!errs.length && !f.grounds.input.value) {
              if (open.planned_end_date && end < open.planned_end_date) {
                errs.push({ field: 'grounds', message: t('refl.error.groundsEarly', { end: formatDate(open.planned_end_date) }) });
              } else if (daysBetween(open.start_date, end) < open.min_days && !open.grounds) {
                errs.push({ field: 'grounds', message: t('refl.error.groundsShort', { min: open.min_days }) });
              }
            }
            return errs;
          },
          submit: async () => {
            const body = withNote({ actual_end_date: f.actual_end_date.input.value }, f.note);
            if (f.grounds.input.value) body.grounds = f.grounds.input.value;
            page.update(await api.post(`/cases/${c.id}/reflection/${open.id}/end`, body), 'reflection', t('refl.ended'));
          },
        });
      }) : null,
      decide && !open ? page.disclosure('refl-grant', t('refl.grant'), (close) => {
        const f = {
          start_date: dateField('refl-start', t('refl.start'), { min: c.referral?.date }),
          planned_end_date: field({ id: 'refl-planned', name: 'planned_end_date', label: t('refl.plannedEnd'), type: 'date', required: false,
            hint: t('refl.plannedHint', { min }) }),
          date: dateField('refl-decided', t('refl.decisionDate'), { min: c.referral?.date, value: '', required: false, hint: t('refl.decisionDateHint') }),
          grounds: selectField({ id: 'refl-grant-grounds', name: 'grounds', label: t('refl.grounds'), required: false,
            hint: t('refl.grantGroundsHint', { min }), placeholder: t('form.choose'), options: opts(REFUSAL_GROUNDS, 'refl.ground') }),
          note: noteField('refl-note'),
        };
        return page.smallForm({
          heading: t('refl.grant'), explain: t('refl.grantExplain', { min }), fields: f, submitLabel: t('refl.grantSubmit'), cancel: close,
          check: () => {
            const errs = dateErrors(f, 'start_date', true, c.referral?.date, []);
            dateErrors(f, 'date', false, c.referral?.date, errs);
            const start = f.start_date.input.value;
            const planned = f.planned_end_date.input.value;
            if (planned && start && planned < start) errs.push({ field: 'planned_end_date', message: t('form.error.beforeStart', { label: t('refl.plannedEnd'), a: formatDate(start) }) });
            const short = Boolean(planned && start && planned >= start && daysBetween(start, planned) < min);
            if (short && !f.grounds.input.value) errs.push({ field: 'grounds', message: t('refl.error.groundsPlannedShort', { min }) });
            if (!short && f.grounds.input.value) errs.push({ field: 'grounds', message: t('refl.error.groundsNotShort', { min }) });
            return errs;
          },
          submit: async () => {
            const body = withNote({ status: 'granted', start_date: f.start_date.input.value }, f.note);
            if (f.planned_end_date.input.value) body.planned_end_date = f.planned_end_date.input.value;
            if (f.date.input.value) body.date = f.date.input.value;
            if (f.grounds.input.value) body.grounds = f.grounds.input.value;
            const next = await api.post(`/cases/${c.id}/reflection`, body);
            const all = next.reflection_periods ?? [];
            const p = all[all.length - 1];
            page.update(next, 'reflection', t('refl.granted', { end: formatDate(p?.planned_end_date ?? addDays(body.start_date, min)) }));
          },
        });
      }) : null,
      decide && !open ? page.disclosure('refl-refuse', t('refl.refuse'), (close) => {
        const f = {
          date: dateField('refl-refused-on', t('refl.decisionDate'), { min: c.referral?.date }),
          grounds: selectField({ id: 'refl-grounds', name: 'grounds', label: t('refl.grounds'), placeholder: t('form.choose'),
            options: opts(REFUSAL_GROUNDS, 'refl.ground') }),
          note: noteField('refl-refuse-note'),
        };
        return page.smallForm({
          heading: t('refl.refuse'), explain: t('refl.refuseExplain'), fields: f, submitLabel: t('refl.refuseSubmit'), cancel: close,
          check: () => {
            const errs = dateErrors(f, 'date', true, c.referral?.date, []);
            if (!f.grounds.input.value) errs.push({ field: 'grounds', message: t('form.error.required', { label: t('refl.grounds') }) });
            return errs;
          },
          submit: async () => {
            const body = withNote({ status: 'refused', date: f.date.input.value, grounds: f.grounds.input.value }, f.note);
            page.update(await api.post(`/cases/${c.id}/reflection`, body), 'reflection', t('refl.refusedDone'));
          },
        });
      }) : null);
  },
  eventText(e) {
    const d = e.detail ?? {};
    if (e.action === 'granted') return t('event.reflection.granted', { end: formatDate(d.planned_end_date) });
    if (e.action === 'refused') return t('event.reflection.refused', { grounds: d.grounds ? t(`refl.ground.${d.grounds}`) : '' });
    if (e.action === 'ended') {
      return `${t('event.reflection.ended', { n: d.days ?? '' })}${d.shorter_than_minimum ? ` · ${t('refl.shortShort')}` : ''}${d.grounds ? ` · ${t(`refl.ground.${d.grounds}`)}` : ''}`;
    }
    return `${t('terms.reflection')}: ${e.action}`;
  },
};

// ---- services -----------------------------------------------------------

const SERVICE_STATUSES = ['planned', 'active', 'completed', 'refused', 'stopped'];
const STOP_REASONS = ['completed_goals', 'victim_request', 'moved', 'cooperation_declined', 'other'];
const NEXT_STATUS = { planned: SERVICE_STATUSES, active: ['active', 'completed', 'stopped'] };

function serviceFields(page, prefix, { status, start, end, creating }) {
  const { ref, c } = page;
  const f = {};
  if (creating) {
    f.type = selectField({ id: `${prefix}-type`, name: 'type', label: t('svc.type'), placeholder: t('form.choose'),
      options: options(ref.vocab, 'service').map((o) => ({ value: o.code, label: o.label })) });
    f.provider_organisation_id = selectField({ id: `${prefix}-provider`, name: 'provider', label: t('svc.provider'), required: false,
      placeholder: t('svc.providerOwn'), options: ref.orgs.map((o) => ({ value: String(o.id), label: o.name })) });
  }
  f.status = selectField({ id: `${prefix}-status`, name: 'status', label: t('svc.status'), value: status,
    options: opts(creating ? SERVICE_STATUSES : NEXT_STATUS[status] ?? [status], 'svc.status') });
  f.start_date = field({ id: `${prefix}-start`, name: 'start_date', label: t('svc.start'), type: 'date', required: false,
    hint: t('svc.startHint'), attrs: { min: c.referral?.date, value: start ?? '' } });
  f.end_date = field({ id: `${prefix}-end`, name: 'end_date', label: t('svc.end'), type: 'date', required: false,
    hint: t('svc.endHint'), attrs: { max: today(), value: end ?? '' } });
  f.stop_reason = selectField({ id: `${prefix}-stop`, name: 'stop_reason', label: t('svc.stopReason'), required: false,
    hint: t('svc.stopHint'), placeholder: t('form.choose'), options: opts(STOP_REASONS, 'svc.stop') });
  if (creating) {
    f['consent.date'] = field({ id: `${prefix}-consent-date`, name: 'consent_date', label: t('svc.consentDate'), type: 'date', required: false,
      hint: t('svc.consentHint'), attrs: { max: today(), min: c.referral?.date } });
    f['consent.language'] = selectField({ id: `${prefix}-consent-lang`, name: 'consent_language', label: t('svc.consentLanguage'), required: false,
      placeholder: t('form.choose'), options: options(ref.vocab, 'language').map((o) => ({ value: o.code, label: o.label })) });
  }
  // Show only what the chosen status takes.
  const sync = () => {
    const s = f.status.input.value;
    f.end_date.hidden = !['completed', 'refused', 'stopped'].includes(s);
    f.stop_reason.hidden = !['refused', 'stopped'].includes(s);
  };
  f.status.input.addEventListener('change', sync);
  sync();
  return f;
}

function serviceBody(f) {
  const body = { status: f.status.input.value };
  const val = (k) => (f[k] && !f[k].hidden ? f[k].input.value : '');
  if (val('start_date')) body.start_date = val('start_date');
  if (val('end_date')) body.end_date = val('end_date');
  if (val('stop_reason')) body.stop_reason = val('stop_reason');
  return body;
}

function serviceCheck(f, c) {
  const errs = [];
  const s = f.status.input.value;
  if (f.type && !f.type.input.value) errs.push({ field: 'type', message: t('form.error.required', { label: t('svc.type') }) });
  if (['active', 'completed'].includes(s) && !f.start_date.input.value) errs.push({ field: 'start_date', message: t('svc.error.start') });
  if (!f.end_date.hidden) dateErrors(f, 'end_date', true, f.start_date.input.value || c.referral?.date, errs, f.start_date.input.value ? 'form.error.beforeStart' : undefined);
  if (!f.stop_reason.hidden && !f.stop_reason.input.value) errs.push({ field: 'stop_reason', message: t('svc.error.stop') });
  if (f['consent.date']?.input.value && !f['consent.language'].input.value) {
    errs.push({ field: 'consent.language', message: t('svc.error.language') });
  }
  return errs;
}

const services = {
  id: 'services',
  kinds: ['service'],
  render(slot, page) {
    const { c, ctx } = page;
    const items = c.services ?? [];
    const assist = ctx.can('assist');
    replace(slot,
      page.sectionTitle('services', t('svc.title')),
      h('p', { class: 'explain-text', text: t('svc.explain') }),
      items.length ? list(items, (s) => [
        h('p', { class: 'records__title' }, h('strong', { text: page.label('service', s.type) }), ' · ', t(`svc.status.${s.status}`)),
        line(s.provider?.name ?? '', s.start_date ? ` · ${t('svc.from', { date: formatDate(s.start_date) })}` : '',
          s.end_date ? ` ${t('svc.to', { date: formatDate(s.end_date) })}` : ''),
        s.consent ? line(t('svc.consentGiven', { date: formatDate(s.consent.date), language: page.label('language', s.consent.language) }))
          : s.consent_missing ? h('p', { class: 'warning-text', text: t('svc.consentMissing') }) : null,
        s.stop_reason ? line(`${t('svc.stopReason')}: `, t(`svc.stop.${s.stop_reason}`)) : null,
        assist && NEXT_STATUS[s.status] ? page.disclosure(`svc-${s.id}`, t('svc.change', { type: page.label('service', s.type) }), (close) => {
          const f = serviceFields(page, `svc-${s.id}`, { status: s.status, start: s.start_date, end: s.end_date });
          return page.smallForm({
            heading: t('svc.change', { type: page.label('service', s.type) }), fields: f, submitLabel: t('svc.changeSubmit'), cancel: close,
            check: () => serviceCheck(f, c),
            submit: async () => page.update(await api.patch(`/cases/${c.id}/services/${s.id}`, serviceBody(f)), 'services', t('svc.changed')),
          });
        }) : null,
      ]) : h('p', { class: 'muted', text: t('svc.none') }),
      assist ? page.disclosure('svc-new', t('svc.add'), (close) => {
        const f = serviceFields(page, 'svc-new', { status: 'active', start: today(), creating: true });
        return page.smallForm({
          heading: t('svc.add'), fields: f, submitLabel: t('svc.addSubmit'), cancel: close,
          check: () => serviceCheck(f, c),
          submit: async () => {
            const body = { type: f.type.input.value, ...serviceBody(f) };
            if (f.provider_organisation_id.input.value) body.provider_organisation_id = Number(f.provider_organisation_id.input.value);
            if (f['consent.date'].input.value) body.consent = { date: f['consent.date'].input.value, language: f['consent.language'].input.value };
            page.update(await api.post(`/cases/${c.id}/services`, body), 'services', t('svc.added'));
          },
        });
      }) : null);
  },
  eventText(e, page) {
    const d = e.detail ?? {};
    const type = page.label('service', d.type);
    return e.action === 'recorded'
      ? t('event.service.recorded', { type, status: t(`svc.status.${d.status}`) })
      : t('event.service.changed', { type, status: t(`svc.status.${d.status ?? e.action}`) });
  },
};

// ---- accommodation (placements) -----------------------------------------

const PLACES = ['women', 'men', 'children'];
const ALTERNATIVES = ['ngo_accommodation', 'social_welfare_shelter', 'other'];
const TURN_AWAY = ['full', 'unlicensed', 'wrong_sex', 'other'];

const placements = {
  id: 'placements',
  kinds: ['placement'],
  render(slot, page) {
    const { c, ctx } = page;
    const items = c.placements ?? [];
    const assist = ctx.can('assist');
    replace(slot,
      page.sectionTitle('placements', t('place.title')),
      h('p', { class: 'explain-text', text: t('place.explain') }),
      items.length ? list(items, (p) => [
        h('p', { class: 'records__title' }, h('strong', { text: p.shelter ? p.shelter.name : t(`place.alt.${p.alternative}`) }),
          ' · ', t(`place.place.${p.place}`)),
        line(t('place.dates', { start: formatDate(p.start_date) }), p.end_date ? ` ${t('svc.to', { date: formatDate(p.end_date) })}` : ` · ${t('place.ongoing')}`),
        p.alternative ? line(t('place.turnedAway', { reason: t(`place.reason.${p.turn_away_reason}`) }),
          p.turn_away_shelter ? ` (${p.turn_away_shelter.name})` : '') : null,
        assist && p.shelter && !p.end_date ? page.disclosure(`place-end-${p.id}`, t('place.end'), (close) => {
          const f = { end_date: dateField(`place-end-date-${p.id}`, t('place.endDate'), { min: p.start_date }) };
          return page.smallForm({
            heading: t('place.end'), fields: f, submitLabel: t('place.endSubmit'), cancel: close,
            check: () => dateErrors(f, 'end_date', true, p.start_date, [], 'form.error.beforeStart'),
            submit: async () => page.update(await api.post(`/cases/${c.id}/placements/${p.id}/end`, { end_date: f.end_date.input.value }), 'placements', t('place.ended')),
          });
        }) : null,
      ]) : h('p', { class: 'muted', text: t('place.none') }),
      assist ? page.disclosure('place-new', t('place.add'), (close) => placementForm(page, close)) : null);
  },
  eventText(e, page) {
    const d = e.detail ?? {};
    const p = (page.c.placements ?? []).find((x) => x.id === d.placement_id);
    if (e.action === 'placed') return t('event.placement.placed', { shelter: p?.shelter?.name ?? '', place: t(`place.place.${d.place}`) });
    if (e.action === 'alternative') {
      return t('event.placement.alternative', { reason: t(`place.reason.${d.turn_away_reason}`), alternative: t(`place.alt.${d.alternative}`) });
    }
    if (e.action === 'ended') return t('event.placement.ended', { shelter: p?.shelter?.name ?? p?.alternative ?? '' });
    return `${t('place.title')}: ${e.action}`;
  },
};

function placementForm(page, close) {
  const { c } = page;
  const wrap = h('div', null, h('p', { class: 'muted', text: t('common.loading') }));
  api.get('/shelters').then((res) => {
    const shelters = res.items ?? [];
    const place = c.person?.child ? 'children' : c.person?.sex === 'male' ? 'men' : c.person?.sex === 'female' ? 'women' : '';
    const f = {
      kind: choiceField({ id: 'place-kind', name: 'kind', legend: t('place.kind'), value: shelters.length ? 'shelter' : 'alternative',
        options: [{ value: 'shelter', label: t('place.kind.shelter') }, { value: 'alternative', label: t('place.kind.alternative') }] }),
      shelter_id: selectField({ id: 'place-shelter', name: 'shelter', label: t('place.shelter'), placeholder: t('form.choose'),
        options: shelters.map((s) => ({ value: String(s.id), label: shelterLabel(s) })) }),
      alternative: selectField({ id: 'place-alt', name: 'alternative', label: t('place.alternative'), placeholder: t('form.choose'),
        options: opts(ALTERNATIVES, 'place.alt') }),
      turn_away_reason: selectField({ id: 'place-reason', name: 'turn_away_reason', label: t('place.reason'), placeholder: t('form.choose'),
        options: opts(TURN_AWAY, 'place.reason') }),
      turn_away_shelter_id: selectField({ id: 'place-turned', name: 'turn_away_shelter', label: t('place.turnedShelter'), required: false,
        placeholder: t('place.noShelter'), options: shelters.map((s) => ({ value: String(s.id), label: s.name })) }),
      place: selectField({ id: 'place-place', name: 'place', label: t('place.place'), value: place, placeholder: t('form.choose'),
        options: opts(PLACES, 'place.place') }),
      start_date: dateField('place-start', t('place.start'), { min: c.referral?.date }),
    };
    const alt = ['alternative', 'turn_away_reason', 'turn_away_shelter_id'];
    const sync = () => {
      const isAlt = f.kind.value() === 'alternative';
      f.shelter_id.hidden = isAlt;
      for (const k of alt) f[k].hidden = !isAlt;
    };
    f.kind.inputs.forEach((x) => x.addEventListener('change', sync));
    sync();
    // When the shelter refuses (409 with turn_away_reason and
    // turn_away_shelter_id), the form turns to what happened instead: the
    // alternative used, with the reason and the shelter filled in.
    const refusedNote = h('div', { id: 'place-refused' });
    const lower = (text) => text.charAt(0).toLocaleLowerCase() + text.slice(1);
    const turnToAlternative = (problem) => {
      const shelter = shelters.find((x) => x.id === problem.turn_away_shelter_id);
      f.kind.set('alternative');
      sync();
      f.turn_away_reason.input.value = problem.turn_away_reason;
      f.turn_away_shelter_id.input.value = shelter ? String(shelter.id) : '';
      f.alternative.input.value = '';
      showNotice(refusedNote, t('place.refused', {
        shelter: shelter?.name ?? t('place.shelter'), reason: lower(t(`place.reason.${problem.turn_away_reason}`)),
      }));
      f.alternative.input.focus();
    };
    replace(wrap, page.smallForm({
      heading: t('place.add'), explain: t('place.addExplain'), fields: f, body: [refusedNote, ...Object.values(f)],
      submitLabel: t('place.addSubmit'), cancel: close,
      check: () => {
        const errs = [];
        const need = (k, label) => { if (!f[k].hidden && !f[k].input.value) errs.push({ field: k, message: t('form.error.required', { label }) }); };
        need('shelter_id', t('place.shelter'));
        need('alternative', t('place.alternative'));
        need('turn_away_reason', t('place.reason'));
        need('place', t('place.place'));
        dateErrors(f, 'start_date', true, c.referral?.date, errs);
        return errs;
      },
      submit: async () => {
        const body = { place: f.place.input.value, start_date: f.start_date.input.value };
        if (f.kind.value() === 'alternative') {
          body.alternative = f.alternative.input.value;
          body.turn_away_reason = f.turn_away_reason.input.value;
          if (f.turn_away_shelter_id.input.value) body.turn_away_shelter_id = Number(f.turn_away_shelter_id.input.value);
        } else {
          body.shelter_id = Number(f.shelter_id.input.value);
        }
        let next;
        try {
          next = await api.post(`/cases/${c.id}/placements`, body);
        } catch (err) {
          const why = err.problem?.turn_away_reason;
          if (err.status === 409 && body.shelter_id && ['full', 'unlicensed', 'wrong_sex'].includes(why)) {
            turnToAlternative(err.problem);
            return;
          }
          throw err; // any other refusal is shown in the server's words
        }
        refusedNote.replaceChildren();
        page.update(next, 'placements', t('place.added'));
      },
    }));
    wrap.querySelector('h3')?.focus();
  }).catch((err) => {
    if (err.status !== 401) replace(wrap, h('p', { class: 'error-text', role: 'alert', text: page.ctx.describeError(err) }));
  });
  return wrap;
}

/** "Name · women 1/3, men 0/1, children 0/2 today" (places taken today). */
export function shelterLabel(s) {
  const occ = s.occupied_today ?? {};
  const cap = s.capacity ?? {};
  const free = PLACES.filter((p) => cap[p]).map((p) => `${t(`place.place.${p}`)} ${occ[p] ?? 0}/${cap[p]}`).join(', ');
  return `${s.name}${free ? ` · ${free}` : ''}${s.licensed_today === false ? ` · ${t('shelter.unlicensed')}` : ''}`;
}

// ---- referrals to other organisations ------------------------------------

const referrals = {
  id: 'referrals',
  kinds: ['referral_out'],
  render(slot, page) {
    const { c, ctx, ref } = page;
    const me = ctx.state.user.organisation?.id;
    const items = c.referrals ?? [];
    const assist = ctx.can('assist');
    const everywhere = ctx.state.user.role === 'coordinator';
    replace(slot,
      page.sectionTitle('referrals', t('ref.title')),
      h('p', { class: 'explain-text', text: t('ref.explain') }),
      items.length ? list(items, (r) => {
        const acts = [];
        if (assist && r.from?.id === me && ['sent', 'accepted'].includes(r.status)) acts.push('revoke');
        if (assist && (r.to?.id === me || everywhere) && r.status === 'sent') acts.push('accept', 'reject');
        if (assist && (r.to?.id === me || everywhere) && r.status === 'accepted') acts.push('complete');
        return [
          h('p', { class: 'records__title' }, h('strong', { text: `${r.from?.name ?? ''} → ${r.to?.name ?? ''}` })),
          line(`${t('ref.purpose')}: `, purposeLabel(page, r.purpose), ' · ', h('strong', { text: t(`ref.status.${r.status}`) })),
          line(t('ref.sent', { date: formatDate(r.sent_date) }), ' · ', r.share_identity ? t('ref.identityShared') : t('ref.identityNotShared')),
          (r.events ?? []).some((e) => e.note) ? (r.events ?? []).filter((e) => e.note).map((e) => noteText(`${formatDate(e.date)} · ${t(`ref.status.${e.action}`)}: ${e.note}`)) : null,
          acts.map((a) => page.disclosure(`ref-${a}-${r.id}`, t(`ref.act.${a}`), (close) => {
            const f = { date: dateField(`ref-${a}-date-${r.id}`, t('decision.date'), { min: r.sent_date }), note: noteField(`ref-${a}-note-${r.id}`) };
            return page.smallForm({
              heading: t(`ref.act.${a}`), explain: t(`ref.act.${a}.explain`), fields: f, submitLabel: t(`ref.act.${a}`), cancel: close,
              check: () => dateErrors(f, 'date', true, r.sent_date, [], 'form.error.beforeSent'),
              submit: async () => {
                const res = await api.post(`/referrals/${r.id}/${a}`, withNote({ date: f.date.input.value }, f.note));
                if (res?.case_number) page.update(res, 'referrals', t('ref.done', { status: t(`ref.status.${res.referrals?.find((x) => x.id === r.id)?.status ?? a}`) }));
                else {
                  ctx.setFlash(t('ref.doneGone'));
                  ctx.navigate('/cases');
                }
              },
            });
          })),
        ];
      }) : h('p', { class: 'muted', text: t('ref.none') }),
      assist ? page.disclosure('ref-new', t('ref.add'), (close) => {
        const targets = ref.orgs.filter((o) => o.id !== me && o.id !== c.organisation?.id && o.kind !== 'administration');
        const f = {
          to_organisation_id: selectField({ id: 'ref-to', name: 'to', label: t('ref.to'), placeholder: t('form.choose'),
            options: targets.map((o) => ({ value: String(o.id), label: page.ctx.organisationLabel(o) })) }),
          purpose: selectField({ id: 'ref-purpose', name: 'purpose', label: t('ref.purpose'), placeholder: t('form.choose'),
            options: [{ value: 'identification', label: t('ref.purpose.identification') },
              ...options(ref.vocab, 'service').map((o) => ({ value: o.code, label: o.label }))] }),
          share_identity: checkField({ id: 'ref-share', name: 'share_identity', label: t('ref.share'),
            hint: c.referral?.consent ? t('ref.shareHint') : t('ref.shareNoConsent') }),
          date: dateField('ref-date', t('ref.date'), { min: c.referral?.date }),
          note: noteField('ref-note'),
        };
        if (!c.referral?.consent) f.share_identity.input.disabled = true;
        return page.smallForm({
          heading: t('ref.add'), fields: f, submitLabel: t('ref.addSubmit'), cancel: close,
          check: () => {
            const errs = [];
            if (!f.to_organisation_id.input.value) errs.push({ field: 'to_organisation_id', message: t('form.error.required', { label: t('ref.to') }) });
            if (!f.purpose.input.value) errs.push({ field: 'purpose', message: t('form.error.required', { label: t('ref.purpose') }) });
            return dateErrors(f, 'date', true, c.referral?.date, errs);
          },
          submit: async () => {
            const body = withNote({
              to_organisation_id: Number(f.to_organisation_id.input.value), purpose: f.purpose.input.value,
              share_identity: f.share_identity.input.checked, date: f.date.input.value,
            }, f.note);
            page.update(await api.post(`/cases/${c.id}/referrals`, body), 'referrals', t('ref.added'));
          },
        });
      }) : null);
  },
  eventText(e, page) {
    const d = e.detail ?? {};
    return t('event.referral_out', {
      from: orgName(page.ref.orgs, d.from_org), to: orgName(page.ref.orgs, d.to_org),
      status: t(`ref.status.${e.action}`), purpose: purposeLabel(page, d.purpose),
    });
  },
};

function purposeLabel(page, purpose) {
  return purpose === 'identification' ? t('ref.purpose.identification') : page.label('service', purpose);
}

// A group event on the timeline (attached to a group case).
const group = {
  id: 'group-events',
  kinds: ['group'],
  render() {},
  eventText(e) {
    return t('event.group', { id: e.detail?.group_id ?? '' });
  },
};

export const PARTS = [reflection, services, placements, referrals];
export const EVENT_PARTS = [...PARTS, group];
