# Synthetic case documents (docs/cases.md), one JSON line each, for the
# benchmarks. Every name is invented from syllables below: no real person.
#   awk -v rows=100000 -v seed=20240601 -f bench/lib/gen_cases.awk
# Deterministic: the same seed gives the same bytes with any awk (mawk,
# gawk, busybox), because it uses its own generator (Park-Miller "minimal
# standard", exact in doubles) instead of rand(), which differs between awks.
#
# The spread, roughly: referral years 2019-2024 (rising), 14 referral sources
# weighted towards police and social welfare; 60% female; about a quarter
# children; birth date, birth year only, or an estimated year; citizenship mostly RS with
# the region and countries of origin seen in labour cases, 5% with two; one
# form of exploitation (15% two), sexual and forced labour the commonest;
# countries of exploitation mostly RS; 40% with an identification decision
# (4 in 5 positive); 30% with consent; 15% anonymous (no names).

function rnd() {                      # uniform in [0, 1)
  state = (state * 48271) % 2147483647
  return (state - 1) / 2147483646
}
function pick(n) { return 1 + int(rnd() * n) }  # 1..n

# weighted(name): a code from table NAME, whose cumulative weights were set up
# by table(); the weights need not add up to anything in particular.
function table(name, spec,   parts, n, i, kv) {
  n = split(spec, parts, " ")
  cum[name, 0] = 0
  for (i = 1; i <= n; i++) {
    split(parts[i], kv, ":")
    codes[name, i] = kv[1]
    cum[name, i] = cum[name, i - 1] + kv[2]
  }
  count[name] = n
}
function weighted(name,   r, i) {
  r = rnd() * cum[name, count[name]]
  for (i = 1; i < count[name]; i++)
    if (r < cum[name, i]) break
  return codes[name, i]
}
function word(n,   w, i) {            # an invented word of n syllables
  w = ""
  for (i = 0; i < n; i++) w = w syl[pick(nsyl)]
  return toupper(substr(w, 1, 1)) substr(w, 2)
}
function date(y, m, d) { return sprintf("%04d-%02d-%02d", y, m, d) }

BEGIN {
  if (rows == "") rows = 100000
  if (seed == "") seed = 20240601
  state = seed % 2147483646 + 1
  nsyl = split("ra ve lo mi sa da no ki tu be ja zo ni la ro me vi ta ko ne", syl, " ")
  nend = split("ić ović ar ena ek ova in ski", ends, " ")

  table("year", "2019:12 2020:13 2021:16 2022:19 2023:20 2024:20")
  table("source", "police:30 border_police:8 prosecution:4 labour_inspection:6 social_welfare:18 " \
        "health:3 education:2 ngo:12 international_org:4 hotline:5 self:3 private_citizen:2 " \
        "foreign_authority:2 other:1")
  table("sex", "female:60 male:37 other:1 unknown:2")
  table("cit", "RS:70 BA:4 MK:3 AL:3 ME:2 BG:2 RO:2 UA:2 VN:2 CN:2 NP:2 IN:2 TR:1 AF:1 SY:1 NG:1")
  table("form", "sexual:34 forced_labour:30 forced_begging:8 domestic_servitude:6 " \
        "forced_criminality:5 forced_marriage:6 pornography:3 illegal_adoption:1 " \
        "organ_removal:1 surrogacy:1 armed_conflict:1 slavery:1 other:3")
  table("where", "RS:60 DE:6 AT:5 IT:3 HR:3 SI:3 TR:3 AE:3 RU:2 MT:2 CY:2 GR:2 HU:2 SK:2 PL:2")
  table("refname", "Police Directorate (synthetic):3 Centre for Social Work (synthetic):3 " \
        "Shelter NGO (synthetic):2 Border Police Station (synthetic):1")

  for (i = 1; i <= rows; i++) {
    y = weighted("year"); m = pick(12); d = pick(28)
    ref_date = date(y, m, d)
    sex = weighted("sex")

    # Age on the referral date: a quarter children (12-17), the rest 18-60.
    age = rnd() < 0.25 ? 11 + pick(7) : 17 + pick(43)
    by = y - age # at least 12 years before the referral: any birth date in it comes first
    r = rnd()
    person = "{"
    if (rnd() < 0.85)
      person = person sprintf("\"given_name\":\"%s\",\"family_name\":\"%s%s\",", word(1 + pick(2)),
                              word(pick(2)), ends[pick(nend)])
    person = person "\"sex\":\"" sex "\""
    if (r < 0.60) {
      person = person ",\"birth_date\":\"" date(by, pick(12), pick(28)) "\""
      if (rnd() < 0.5) person = person ",\"birth_year\":" by
    } else if (r < 0.90) {
      person = person ",\"birth_year\":" by
      if (rnd() < 0.3) person = person ",\"age_uncertain\":true"
    } else {
      # No birth date or year known: an estimated year, flagged uncertain
      # (docs/cases.md: one of them is required).
      person = person ",\"birth_year\":" by ",\"age_uncertain\":true"
    }
    c1 = weighted("cit")
    cits = "\"" c1 "\""
    if (rnd() < 0.05) { c2 = weighted("cit"); if (c2 != c1) cits = cits ",\"" c2 "\"" }
    person = person ",\"citizenship\":[" cits "]}"

    src = weighted("source")
    referral = "{\"date\":\"" ref_date "\",\"source\":\"" src "\""
    if (rnd() < 0.3) referral = referral ",\"organisation\":\"" weighted("refname") "\""
    if (rnd() < 0.3) referral = referral ",\"consent\":true"
    referral = referral "}"

    f1 = weighted("form")
    forms = "\"" f1 "\""
    if (rnd() < 0.15) { f2 = weighted("form"); if (f2 != f1) forms = forms ",\"" f2 "\"" }

    w1 = weighted("where")
    where = rnd() < 0.9 ? "\"" w1 "\"" : ""
    if (where != "" && rnd() < 0.1) { w2 = weighted("where"); if (w2 != w1) where = where ",\"" w2 "\"" }

    ident = ""
    if (rnd() < 0.40) {
      # Decided 5 to 120 days after the referral (month arithmetic, day 1-28).
      k = pick(4); im = m + k; iy = y
      if (im > 12) { im -= 12; iy++ }
      ident = sprintf(",\"identification\":{\"outcome\":\"%s\",\"date\":\"%s\"",
                      rnd() < 0.8 ? "identified" : "not_identified", date(iy, im, pick(28)))
      if (rnd() < 0.7) ident = ident ",\"reasons\":\"Panel assessment of the indicators (synthetic).\""
      ident = ident "}"
    } else if (rnd() < 0.5) {
      ident = ",\"identification\":{\"outcome\":\"pending\"}"
    }

    printf "{\"ref\":\"BENCH-%06d\",\"person\":%s,\"referral\":%s,\"exploitation\":[%s]," \
           "\"countries_of_exploitation\":[%s]%s}\n", i, person, referral, forms, where, ident
  }
}
