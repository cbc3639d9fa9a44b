"""The event coder: lexicon patterns + the parse -> who did what to whom.

For each predicate of a parsed sentence (a verb, or an event noun such as "sanctions"), the
coder finds the most specific lexicon pattern that fits, then the source (subject, through
control chains and passives) and the target (object, prepositional object, or the possessor
of the object), resolves both to actors and records flags for negation and modality.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.symbols import ADJ
from spacy.tokens import Doc, Token

from dyads.actors.resolver import GROUP_CLASSES, ActorResolver, Discourse, Scope
from dyads.cameo import MOOD_OF_ROOT, Ontology
from dyads.coding import grammar as g
from dyads.coding.lexicon import ANY, Lexicon, Pattern
from dyads.lang import ordered_words, words
from dyads.model import Actor, Event
from dyads.nlp import (
    NOMINAL_POS,
    POS_ADJ,
    POS_NOUN,
    VERBAL_POS,
    children,
    columns,
    root,
    string_id,
    tokens_with_pos,
)

# Roots whose target may be the subject of a that-clause (appeals, demands, accusations,
# rejections, threats).
CLAUSE_TARGET_ROOTS = {"02", "10", "11", "12", "13"}
# Speech acts: saying one will make them is making them ("will call on X to ...").
SPEECH_ROOTS = {"01", "02", "10", "11"}
# ... and hopes and fears: "hoped that [Gambari] would be in Myanmar"
HOPE_CODES = {"012", "013"}
# Acts that can be announced, asked for, demanded or refused (see data/cameo/counterparts.tsv):
# cooperative roots give intents, conflictual ones threats.
# Acts whose doer, when a passive leaves it out, is the state where they happen (CAMEO codes
# "was arrested in Lebanon" as Lebanon's act): coercion and expulsion.
PLACE_DOER_ROOTS = {"17"}
# Expulsions (of peacekeepers, inspectors, aid agencies; of individuals): the state one is
# expelled from is the doer when a passive leaves it out.
EXPULSION_CODES = {"166", "174"}
# Reactions to another's act (praise, investigation, disapproval, rejection): aimed at its
# doer, named by "by" in the act's phrase.
REACTION_ROOTS = {"05", "09", "11", "12"}
# Judicial cooperation (063) and its intent, appeal, demand and refusal: handing a suspect
# over, whose target is the party he is handed to.
HANDOVER_CODES = {"063", "0313", "0213", "1013", "1213"}
# Sectors of people an act is done to, not by ("child abductions", "refugee flows").
VICTIM_SECTORS = {"CVL", "REF"}
# Withdrawals of forces, staff and agencies: the party pulled out of is named by "from".
WITHDRAWAL_CODES = {"0874", "166"}
# Arrests and charges: "arrested for spying" also accuses of spying (see `_charge`).
ARREST_CODES = {"173"}
# Protest acts whose subcodes say what reform they demand (1411..1454).
PROTEST_BASES = {"141", "142", "143", "144", "145"}
PURPOSE_ROOTS = {"10", "02", "11", "14"}  # demand, appeal, disapprove, protest
# Speech acts addressed to somebody: appeals, offers, demands, threats.
ADDRESSED_ROOTS = {"02", "03", "10", "13"}
# Sectors of armed non-state actors, whose country the text must say.
ARMED_SECTORS = {"REB", "UAF", "INS", "CRM", "IMG"}
OWN_AGENT_SECTORS = {"MIL", "GOV", "SPY", "COP"}  # a state's forces, envoys and agents
# gunmen, militants, criminals, rebels named by no country: of where they attack
PLACED_ATTACKERS = {"UAF", "CRM", "REB", "INS"}
INTERNAL_SECURITY_SECTORS = {"COP", "SPY"}  # police and security services
# A country's people and groups who face its state, the state's organs, and those that act
# only at home (police, courts, parliament).
DISSENT_SECTORS = {"OPP", "REB", "INS", "LAB", "EDU", "AGR", "REL", "CVL"}
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
DOMESTIC_ORGAN_SECTORS = {"COP", "JUD", "LEG"}
# Acts whose addressee the text may leave to the previous conjunct ("suspended aid to X
# and threatened to ...", "rejected X's calls and refused to ...").
CONJUNCT_TARGET_ROOTS = {"10", "12", "13"}
# Force used on people (coerce, assault, fight, mass violence): those it is used on, armed
# groups apart, are of the country the act is placed in.
HARM_ROOTS = {"17", "18", "19", "20"}
# Verbs of protest that are an official complaint when a state protests ("China protested
# the visit": 114, as "lodged a protest").
VERBAL_PROTEST_VERBS = words("grammar", "verbal_protest_verbs")
# Prepositions of what a noun is about ("a conference [on] the conflict").
TOPIC_PREPS = words("grammar", "topic_preps")
# Attempts, made even when foiled (CAMEO 185 attempt to assassinate).
ATTEMPT_CODES = {"185"}
# Violence whose place is its target when no party is named (CAMEO codes the country hit).
VIOLENCE_ROOTS = {"18", "19", "20"}
# Kinds of names that are places one can take or hold ("seized [Kabul]", "[Timbuktu]")
PLACE_NAME_KINDS = {"name", "short", "historical", "capital", "place"}
# Kinds of actor names that are places: before a meeting noun they say where it is held
VENUE_KINDS = {"capital", "place"}
# How an actor was found when it is a place named: a country, its capital, a city
PLACE_HOWS = ("name ", "short ", "capital ", "place ")
# Nouns of number before the people counted ("scores of refugees", "hundreds of soldiers").
COUNT_NOUNS = words("grammar", "count_nouns")
ASSERTING_DEMANDS = words("grammar", "asserting_demand_verbs")
ONE_SIDED_GOVERNORS = words("grammar", "one_sided_governors")
# ... whose statement is a residual one, like "said": left out where more is coded
ASSERTION_NOTE = "assertion: an indicative clause"
AERIAL_DOERS = words("grammar", "aerial_doers")
IMPACT_VERBS = words("grammar", "impact_verbs")
RENEWAL_VERBS = words("grammar", "renewal_verbs")
ENDING_VERBS = ordered_words("grammar", "ending_verbs")  # in order of preference
ACCUSING_VERBS = ordered_words("grammar", "accusing_verbs")
# Participles of what a party is alleged to have done ("men accused of spying for X").
ALLEGING_PARTICIPLES = words("grammar", "alleging_participles")
FOREIGN_WORDS = words("grammar", "foreign_words")
ORGANISATION_WORDS = words("grammar", "organisation_words")
REGIONAL_WORDS = words("grammar", "regional_words")
# Prepositions inside an object that name the party acted upon or asking ("removal of X",
# "calls by X", "appeal from X").
OBJECT_ACTOR_PREPS = ("of", "by", "from")
DEEP_TARGET_PREPS = frozenset((*g.TARGET_PREPS, "from"))
SPONSOR_PARTICIPLES = words("actors", "sponsor_participles")
# Roots of statements, appeals and intents that a participle after another act only
# elaborates ("rejected the plan, [vowing] to fight on")
ELABORATING_ROOTS = {"01", "02", "03"}
# Roots of acts whose noun names its doer with "from" ("aid from Japan", "demands from Iran")
FROM_DOER_ROOTS = {"01", "02", "03", "05", "06", "07", "10", "11", "13"}
WHEN_AS = frozenset(map(string_id, ("when", "as")))  # words, as `tok.lower` ids
COOPERATIVE_ACTS = {"03", "04", "05", "06", "07", "08"}
CONFLICT_ACTS = {"14", "15", "16", "17", "18", "19", "20"}
RALLY_OPPOSITION = "113"  # an appeal to others to oppose someone is itself this act
PAIR_JOINERS = ("-", "–", "—", "/")  # "Eritrean-Yemeni", "U.S.-Japan" talks


@dataclass
class Match:
    """A predicate that a lexicon pattern fits, before actors are attached."""

    trigger: Token
    pattern: Pattern
    obj: Token | None = None  # the object noun the pattern needed, if any
    xcomp: Token | None = None  # the complement verb the pattern consumed, if any
    nominal: bool = False
    notes: list[str] = field(default_factory=list)
    code: str | None = None  # set when the mood of a governing verb recodes the act
    speaker: Token | None = None  # "X said Y must <act>": X demands the act of Y
    object_words: int = 0  # length of the lexicon's object phrase that matched
    reacted_to: bool = False  # an event noun that a coded act is about ("welcomed the talks")
    does_violence: bool = False  # an event noun that kills or hits ("a bombing killed four")
    specific: bool = False  # a residual entry given a specific code ("claimed [an attack]")
    purpose: Match | None = None  # the demand a protest is for ("rallied [to demand] ...")

    @property
    def event_code(self) -> str:
        return self.code or self.pattern.code


class EventCoder:
    def __init__(self, lexicon: Lexicon, resolver: ActorResolver, cameo: Ontology):
        self.lexicon = lexicon
        self.resolver = resolver
        self.cameo = cameo

    # --- pattern matching ---------------------------------------------------------------
    def match_verb(self, v: Token) -> Match | None:
        lemma = v.lemma_.lower()
        phrasal = self.lexicon.by_phrasal.get(lemma, ())
        if not phrasal and lemma not in self.lexicon.verb_lemmas:
            return None  # (most auxiliaries and adjectives: no pattern to try)
        if g.names_something(v):
            return None
        slots = _VerbSlots(v)
        for particle, p in phrasal:
            if _has_particle(v, particle):
                m = self._fit(v, p, slots)
                if m is not None:
                    return m
        best: Match | None = None
        best_rank = (0, 0)
        # without the patterns none of whose objects is among the verb's nouns
        for p in self.lexicon.verb_patterns(lemma, lambda: slots.all_keys,
                                            lambda: slots.object_keys):
            if best is not None:
                if p.specificity < best.pattern.specificity:
                    break
                if not p.objects and best_rank >= (0, 0):
                    continue  # a match without an object ranks (0, 0): it cannot win
            m = self._fit(v, p, slots)
            # at equal specificity the longer object phrase wins ("hunger strike" over
            # "strike"), then the first of coordinated objects ("sent [supplies] and personnel")
            if m is not None and (best is None or _rank(m) > best_rank):
                best, best_rank = m, _rank(m)
        if best is not None and lemma == "be":
            # a judgement ("the strikes were [a violation]") is the act of whoever says it,
            # aimed at what it is said of; unsaid, it is nobody's
            best.speaker = g.reported(v)
            if best.speaker is None:
                return None
        return best

    def _fit(self, v: Token, p: Pattern, slots: _VerbSlots) -> Match | None:
        if p.particle and not _has_particle(v, p.particle):
            return None
        if p.subjects and not any(slots.keys(s) & p.subjects for s in slots.doers):
            return None
        obj = None
        object_words = 0
        if p.objects or p.preps:
            if p.preps:
                cands = slots.prep_objects(p.preps)
                if not cands and not p.objects:
                    return None
            elif p.xcomps:  # "threatened to use [force]", "to go on [strike]": the complement's
                cands = slots.xcomp_objects
            else:
                cands = slots.objects
            if p.objects:
                for obj in cands:
                    if not slots.keys(obj).isdisjoint(p.objects):
                        break
                else:
                    return None
                object_words = max(len(k.split()) for k in slots.keys(obj) & p.objects)
                if p.object_mods and not g.noun_modifiers(obj) & p.object_mods:
                    return None
            elif p.preps and not cands:
                return None
        xcomp = None
        if p.xcomps:
            for c in slots.xcomps:
                if ANY in p.xcomps or g.verb_keys(c) & p.xcomps:
                    xcomp = c
                    break
            else:
                # a predicate the verb says of someone: "found [the minister guilty]",
                # "ruled that [Iran was liable]" (only where an entry names it)
                xcomp = next((c for c, key in slots.predicates if key in p.xcomps), None)
            if xcomp is None:
                return None
        return Match(v, p, obj=obj, xcomp=xcomp, object_words=object_words)

    def mood_code(self, act: str, mood: str) -> str | None:
        """The code of an act said in a mood: "pledged to free" 0353, "vowed to strike" 138."""
        root = act[:2]
        if mood in ("intent", "threat"):
            if root == "03" and mood == "intent":
                return act
            if root in COOPERATIVE_ACTS and mood == "intent":
                return self.cameo.counterpart(act, "intent")
            if root in CONFLICT_ACTS:
                return self.cameo.counterpart(act, "threat")
            return None
        if mood == "appeal" and act == RALLY_OPPOSITION:
            # "urged Muslim countries to unite against Israel" rallies them: the one act whose
            # appeal is not an 02 code (counterparts.tsv keeps each mood to its root)
            return act
        return self.cameo.counterpart(act, mood) if root in COOPERATIVE_ACTS else None

    def _compose(self, m: Match) -> None:
        """A governor of appeal/intent/demand/refusal/threat with an act as its complement.

        "pledged to free the hostages" is 0353 and "threatened to halt the talks" 134: the
        governor's root gives the mood, the complement's own lexicon entry the act. Entries
        that name their complement or object themselves keep their code.
        """
        p = m.pattern
        if m.trigger.lemma_.lower() in g.CLAIMING_VERBS and not (p.objects or p.preps):
            self._claim(m)
            return
        mood = MOOD_OF_ROOT.get(p.code[:2])
        if mood == "demand" and m.trigger.lemma_.lower() in ASSERTING_DEMANDS \
                and not (p.objects or p.preps) and any(
                    c.dep == g.CCOMP and g.indicative(c) and not g.obligation(c)
                    for c in children(m.trigger)):
            m.code = "010"  # "insisted (that) unrest reflected old tensions": a statement
            m.notes.append(ASSERTION_NOTE)
            return
        if mood is not None and not (p.objects or p.preps or p.object_mods):
            # the complement: "pledged [to free]", and for demands and appeals also a that-
            # clause: "demanded [that Russia withdraw its troops]"
            deps = (g.XCOMP, g.CCOMP) if mood in ("demand", "appeal") else (g.XCOMP,)
            for c in children(m.trigger):
                if c.dep in deps and c.pos in VERBAL_POS:
                    act = self._complement_act(c)
                    if act is not None and p.xcomps - {ANY} and (
                            act.obj is None or not p.code.endswith("0")):
                        return  # the entry names this complement and a specific code
                    code = act and self.mood_code(act.event_code, mood)
                    if act is not None and code:
                        m.xcomp, m.code = c, code
                        m.notes.append(f"{mood} of {act.pattern.id} ({act.event_code})")
                        if act.obj is not None:
                            m.obj = m.obj or act.obj
                    return
            if mood == "threat":
                # "threatened Iran [with sanctions]", "[with a curfew]": the act threatened
                for _, n in g.prep_objects(m.trigger, ("with",)):
                    act = self.match_noun(n)
                    code = act and self.mood_code(act.event_code, mood)
                    if act is not None and code:
                        m.code = code
                        m.notes.append(f"threat of {act.pattern.id} ({act.event_code})")
                        return
            return
        # "rejected [a request to interrogate detainees]", "issued demands to release the
        # prisoners": a residual entry whose object asks for an act takes its counterpart
        # (and one who meets or accepts demands to release prisoners releases them)
        yields = p.code == "080"
        if (mood is not None or yields) and m.obj is not None and p.code.endswith("0") \
                and len(p.code) == 3:
            # (the infinitive hung on the noun, or by the parser on the verb, also as an
            # adverbial clause after an apposition: "rejected calls by Annan, UN chief, [to
            # adopt] reforms")
            for c in [*children(m.obj), *children(m.trigger)]:
                if c.dep in (g.ACL, g.RELCL, g.XCOMP, g.ADVCL) and c.pos in VERBAL_POS \
                        and g.to_infinitive(c):
                    act = self.match_verb(c)
                    if yields:
                        code = act and act.event_code[:2] == "08" and act.event_code
                    else:
                        code = act and self.mood_code(act.event_code, mood)
                    if act is not None and code:
                        m.code, m.xcomp = code, c  # (whom it is done to: its targets)
                        m.notes.append(f"{mood or 'yielding'} of {act.pattern.id} "
                                       f"({act.event_code})")
                    return
        # "X said Y must withdraw": the speaker demands the act of Y
        if g.obligation(m.trigger):
            speaker = g.reported(g.clause_verb(m.trigger))
            code = speaker is not None and self.mood_code(m.event_code, "demand")
            if code:
                m.code, m.speaker = code, speaker
                m.notes.append(f"demand by the speaker of '{speaker.text}'")

    def _complement_act(self, c: Token) -> Match | None:
        """The act a complement names: its verb's entry, or where the verb only supports its
        object, the object's ("urged Y to [step up] its [assistance]": aid)."""
        act = self.match_verb(c)
        if (act is None or act.pattern.specificity == 0) \
                and c.lemma_.lower() in g.SUPPORT_VERBS:
            noun = next((n for o in g.direct_objects(c) if not self.resolver.is_agent_noun(o)
                         and (n := self.match_noun(o)) is not None), None)
            if noun is not None:
                return noun
        return act

    def _claim(self, m: Match) -> None:
        """What a claim is: "UNITA claimed they had attacked the air base" claims the attack
        (015, toward whom it hit); "Russia claimed Ukraine shelled the plant" accuses Ukraine
        (112). The claimed act itself is only claimed (see `grammar.modal`)."""
        v = m.trigger
        for c in children(v):
            if c.dep != g.CCOMP or c.pos not in VERBAL_POS:
                continue
            act = self.match_verb(c)
            if act is None:
                return
            claimers = {s.lemma_.lower() for s in g.subjects(v)}
            doers = g.subjects(c)
            own = all(d.lower_ in g.ANAPHORS or d.lemma_.lower() in claimers for d in doers)
            if own:  # its own act: targets from the clause's objects
                m.code, m.xcomp, m.obj = "015", c, act.obj
                m.notes.append(f"claim of {act.pattern.id} ({act.event_code})")
            elif act.event_code[:2] >= "09":  # another's hostile act: who is accused
                m.code = "112"
                m.notes.append(f"allegation of {act.pattern.id} ({act.event_code})")
            m.specific = m.code is not None
            return

    def _entry_for(self, verbs: tuple[str, ...], obj: Token,
                   fits: Callable[[Pattern], bool]) -> Pattern | None:
        """The lexicon's entry (most specific first) by which one of `verbs` would take `obj`
        as its object: what an act said another way is ("did not renew [sanctions]" is
        "lifted sanctions"; "arrested [for spying]" carries "accused of spying")."""
        keys = g.verb_keys(obj) if obj.pos in VERBAL_POS else g.noun_keys(obj)
        for verb in verbs:
            for p in self.lexicon.verb_patterns(verb, lambda: keys):
                if not p.objects.isdisjoint(keys) and fits(p):
                    return p
        return None

    def _ending(self, m: Match) -> Pattern | None:
        """What not renewing the object of `m` is: the entry for ending it ("did not renew
        [sanctions]" as "lifted sanctions", "the mandate" as "ended the mandate")."""
        if m.trigger.lemma_.lower() not in RENEWAL_VERBS:
            return None
        obj = m.obj
        return self._entry_for(ENDING_VERBS, obj, lambda p: not (
            p.xcomps or p.particle or p.subjects) and (
                not p.object_mods or bool(g.noun_modifiers(obj) & p.object_mods)))

    def _charge(self, m: Match) -> Pattern | None:
        """The accusation an arrest for a crime carries: "was arrested in Lebanon [for
        collaborating with Israel]" accuses of what "accused X of collaborating" would."""
        if m.nominal or m.event_code[:3] not in ARREST_CODES:
            return None
        for _, crime in g.prep_objects(m.trigger, ("for",)):
            found = self._entry_for(ACCUSING_VERBS, crime,
                                    lambda p: p.code[:3] == "112" and "of" in p.preps)
            if found is not None:
                return found
        return None

    def _protest_purpose(self, m: Match) -> Token | None:
        """A protest act with a purpose clause demanding reform takes the reform's subcode:
        "began a hunger strike to demand the return of rights" 1423, "rioted to demand the
        president's resignation" 1451. Returns the purpose verb it consumed."""
        code = m.event_code
        if code not in PROTEST_BASES:
            return None
        for c in children(m.trigger):
            # "to demand ...", and the participle "marched, [demanding] ..."
            # (and "... as they demanded that Suharto step down": the protesters' demand)
            if c.dep in (g.ADVCL, g.XCOMP) and c.pos in VERBAL_POS \
                    and (g.to_infinitive(c) or c.tag == g.VBG and c.i > m.trigger.i
                         or g.when_clause(c)
                         and any(s.lower_ in g.ANAPHORS for s in g.subjects(c))):
                act = self.match_verb(c)
                if act is None:
                    continue
                demand = act.event_code
                if demand[:2] not in PURPOSE_ROOTS:
                    continue
                # the reform demanded: leadership 1, policy 2, rights 3, institutions 4;
                # a purpose that names none is a policy change (CAMEO's usual reading)
                kind = demand[3] if demand[:3] in ("104", "024") and len(demand) == 4 \
                    else "3" if demand[:3] in ("105", "025") and demand[3:] == "3" else "2"
                m.code, m.purpose = code + kind, act
                m.notes.append(f"purpose {act.pattern.id} ({demand})")
                return c
        return None

    def match_noun(self, n: Token) -> Match | None:
        heads = self.lexicon.noun_heads
        if n.lower not in self.lexicon.noun_head_ids and n.lemma_.lower() not in heads:
            return None
        # a compound first: "air strikes" is 195 before "strikes" alone is 143
        keys = sorted(g.noun_keys(n, measures=False), key=lambda k: -len(k.split()))
        for key in keys:
            for p in self.lexicon.by_noun.get(key, ()):
                if p.object_mods and not g.noun_modifiers(n) & p.object_mods:
                    continue
                return Match(n, p, nominal=True)
        return None

    # --- a sentence ---------------------------------------------------------------------
    def code_sentence(self, doc: Doc, *, doc_id: str, sentence_index: int,
                      date: date | None = None, headline: bool = False,
                      trace: list[str] | None = None,
                      discourse: Discourse | None = None, text: str | None = None
                      ) -> list[Event]:
        """Events of one parsed sentence; `discourse` carries an article's earlier actors.

        `text` is the sentence as parsed (saves joining the doc's tokens again)."""
        scope = self.resolver.scope(doc, discourse, date, text=text)
        # the last words of named places, for lexicon objects written "<place>" ("seized
        # [Kabul]"); read by grammar.noun_keys
        doc.user_data[g.PLACES_KEY] = frozenset(
            mn.end - 1 for mn in scope.mentions if mn.entry.kind in PLACE_NAME_KINDS)
        matches: list[Match] = []
        consumed: set[int] = set()
        modifiers = g.modifier_clause_tokens(doc)
        # what a noun's modifier clause says ("refugees [fleeing the war]", "Sharon, [who has
        # vowed ...]") describes a participant, not what the sentence reports; an event noun
        # it modifies is still coded ("the sanctions [imposed by Washington on Tehran]")
        pos = columns(doc).pos  # ids: reading `tok.pos_` makes a str each time
        for tok in [*tokens_with_pos(doc, ("VERB", "AUX", "ADJ")), *g.verb_read_as_noun(doc)]:
            # verbs, and adjectives predicated of a subject ("is pessimistic about the talks")
            predicate = (pos[tok.i] != ADJ or tok.dep == g.ACOMP) and not g.noun_read_as_verb(tok)
            if predicate and tok.i not in consumed and tok.i not in modifiers:
                m = self.match_verb(tok)
                if m and m.pattern.id in self.lexicon.fallback_ids:
                    if g.is_attribution(tok):
                        continue  # "..., officials said": who reports is no party to it
                    if g.demanded_clause(tok) is not None:
                        # "X said Y must ensure security": a demand, whatever the act
                        m.code = "100"
                        m.notes.append("demand: a reported 'must'")
                if m and m.pattern.specificity == 0 and tok.lemma_.lower() in g.SUPPORT_VERBS \
                        and any(self.match_noun(o) is not None
                                and not self.resolver.is_agent_noun(o)
                                for o in g.direct_objects(tok)):
                    continue  # "ordered [the closure] of the British Council": the act ordered
                if m and tok.lemma_.lower() in g.ARRIVAL_VERBS and any(
                        self.match_noun(s) is not None and not self.resolver.is_agent_noun(s)
                        for s in g.subjects(tok)):
                    continue  # "food aid arrived in North Korea": the aid is the event
                if m and tok.dep == g.ADVCL and tok.tag == g.VBG \
                        and m.event_code[:2] in VIOLENCE_ROOTS and any(
                            o.trigger.i == tok.head.i and o.event_code[:2] in VIOLENCE_ROOTS
                            | {"17"} for o in matches):
                    continue  # "attacked the base, [killing] 17 soldiers": one attack
                if m and m.event_code[:2] in ELABORATING_ROOTS and tok.tag == g.VBG \
                        and tok.dep == g.ADVCL and tok.i > tok.head.i and any(
                            o.trigger.i == tok.head.i and o.pattern.id
                            not in self.lexicon.fallback_ids for o in matches):
                    # "shrugged off demands, [vowing] to serve out his term", "praised X,
                    # [calling] the decision an example": the participle says more of the act
                    continue
                if m and m.event_code[:2] == "14" and tok.tag == g.VBG \
                        and tok.dep in (g.ADVCL, g.CONJ) and any(
                            o.trigger.i in g.clause_chain(tok) and o.event_code[:2] == "14"
                            for o in matches):
                    continue  # "rallied in Taipei, waving flags and [chanting] slogans": one
                if m:
                    self._compose(m)
                    purpose = self._protest_purpose(m)
                    if purpose is not None:  # "struck to demand higher pay" is one event
                        consumed.add(purpose.i)
                        # ... and what is demanded is not done: "marched, demanding that
                        # Blair [withdraw] the troops"
                        consumed.update(k.i for k in children(purpose)
                                        if k.dep in (g.CCOMP, g.XCOMP))
                    matches.append(m)
                    if m.xcomp is not None:  # "agreed to [provide aid]" is one event
                        consumed.add(m.xcomp.i)
                        consumed.update(o.i for o in g.direct_objects(m.xcomp))
                    if m.obj is not None:
                        consumed.add(m.obj.i)
        # verbs coded as acts of their own (not "said"): what they are about is not their
        # subject's act ("France welcomed [the ceasefire]" is not France's ceasefire)
        acts = {m.trigger.i for m in matches if m.pattern.id not in self.lexicon.fallback_ids}
        violent = {m.trigger.i for m in matches if m.event_code[:2] in VIOLENCE_ROOTS}
        nouns = sorted([*tokens_with_pos(doc, ("NOUN", "PROPN")),
                        *(t for t in tokens_with_pos(doc, ("VERB",)) if g.noun_read_as_verb(t))],
                       key=lambda t: t.i)
        for tok in nouns:
            if tok.i not in consumed and tok.i not in modifiers:
                if tok.dep in g.SUBJECT_DEPS_IDS and tok.head.i in acts \
                        and self.resolver.is_agent_noun(tok):
                    continue  # "demonstrators rioted": the people who act, not another act
                if tok.dep == g.COMPOUND and self.resolver.is_agent_noun(tok.head):
                    continue  # "riot police", "protest leaders": what people do, not an act
                if tok.dep == g.POBJ and tok.head.lower_ in TOPIC_PREPS \
                        and tok.head.head.pos in NOMINAL_POS:
                    continue  # what a meeting or report is about: "a conference on [the
                    # Afghan conflict]", "talks on a [ceasefire]"
                m = self.match_noun(tok)
                if m:
                    m.reacted_to = tok.head.i in acts and tok.dep in (g.DOBJ, g.ATTR)
                    m.does_violence = (tok.dep == g.NSUBJ and (
                        tok.head.i in violent or tok.head.lemma_.lower() in IMPACT_VERBS)
                        or g.undergone(tok)) and m.event_code[:2] in VIOLENCE_ROOTS
                    matches.append(m)
                    if m.pattern.object_mods or any(" of " in k for k in m.pattern.nouns):
                        # "the lifting of [sanctions]", "an exchange of [fire]": one event
                        consumed.update(n.i for _, n in g.prep_objects(tok, ("of",)))
        # "sent a delegation to mediate": the mediation is the event, not the sending
        # (troops sent to fight have not yet fought: that purpose stays an intent)
        purposes = {m.trigger.head.i for m in matches if g.dispatched_purpose(m.trigger)
                    and m.pattern.id not in self.lexicon.fallback_ids
                    and m.event_code[:2] not in VIOLENCE_ROOTS}
        if purposes:
            matches = [m for m in matches if m.nominal or m.trigger.i not in purposes]
        # what an act is done for is not yet done ("gave firearms to the marines [to help] in
        # operations"); with no act of its own the head only says how it is done ("deployed
        # to Nigeria [to train] soldiers")
        acting = {m.trigger.i for m in matches if m.pattern.id not in self.lexicon.fallback_ids}
        aims = {m.trigger.i for m in matches
                if (aim := g.purpose_of(m.trigger)) is not None
                and (aim.head.i in acting or aim.head.i in consumed)}
        background = {m.trigger.i: g.background_clause(m.trigger) for m in matches}
        if trace is not None:
            trace.extend(f"{m.trigger.text!r} [{m.trigger.i}] left out: the background "
                         f"'{background[m.trigger.i]}' clause" for m in matches
                         if background[m.trigger.i])
        matches = [m for m in matches if not background[m.trigger.i]]
        events: list[Event] = []
        seen: set[tuple] = set()
        residual: set[int] = set()  # ids of residual events ("said"): kept if nothing else
        triggers: dict[int, Token] = {}  # event id -> its trigger
        for m in matches:
            found = self._events(m, scope, doc_id, sentence_index, date, headline)
            triggers.update((id(ev), m.trigger) for ev in found)
            if m.trigger.i in aims:
                for ev in found:
                    if not ev.hypothetical:
                        ev.hypothetical = True
                        ev.flags.append("purpose of another act")
            charge = self._charge(m) if found else None
            if charge is not None:  # "arrested [for collaborating with Israel]": also accused
                code = self.cameo[charge.code]
                found += [replace(
                    ev, cameo=code.code, cameo_root=code.root, cameo_name=code.name,
                    goldstein=code.goldstein, quad_class=code.quad_class,
                    plover_type=code.plover_type, rule=charge.id,
                    flags=[*ev.flags, f"charge of the arrest by {ev.rule}"]) for ev in found]
            for ev in found:
                key = (_actor_key(ev.source), ev.cameo, _actor_key(ev.target))
                if key not in seen:
                    seen.add(key)
                    events.append(ev)
                    if not m.specific and (m.pattern.id in self.lexicon.fallback_ids
                                           or ASSERTION_NOTE in m.notes):
                        residual.add(id(ev))
            if trace is not None:
                notes = f" ({'; '.join(m.notes)})" if m.notes else ""
                trace.append(f"{m.trigger.text!r} [{m.trigger.i}] matched {m.pattern.id} -> "
                             f"{m.event_code}{notes}")
        # residual codes (010 say ...) only where nothing more specific was said, even if only
        # as meant or denied (CAMEO: statements are coded as such only when they imply no
        # appeal, intent, demand ...)
        if any(id(e) not in residual for e in events):
            events = [e for e in events if id(e) not in residual]
        events = _without_unplaced_repeats(_warned_threats(_shared_targets(events, triggers),
                                                           triggers))
        if scope.text.rstrip().endswith("?"):
            for e in events:
                e.hypothetical = True
                e.flags.append("question")
        if discourse is not None:  # the next sentence's "he" or "it"
            subject = next((a for a in self._resolve_all(g.subjects(root(doc)), scope)
                            if _known(a)), None)
            if subject is not None:
                discourse.last_subject = subject
        return events

    def _events(self, m: Match, scope: Scope, doc_id: str, index: int,
                day: date | None, headline: bool) -> list[Event]:
        if m.nominal:
            sources, targets = self._nominal_actors(m, scope)
            anchor = m.trigger.head if m.trigger.dep in (g.DOBJ, g.NSUBJ, g.ATTR, g.POBJ) \
                else m.trigger
            if m.trigger.dep == g.POBJ and anchor.lower == g.FOR \
                    and anchor.head.lemma_.lower() in g.JOINING_VERBS:
                anchor = anchor.head  # "will join Trump [for talks]": the verb's mood
        elif m.speaker is not None:  # "X said Y must <act>": X demands it of Y
            sources = self._resolve_all(g.subjects(m.speaker), scope)
            targets = [a for a in self._resolve_all(g.subjects(m.trigger), scope)
                       if _actor_key(a) not in {_actor_key(s) for s in sources}]
            anchor = m.trigger
        elif m.obj is not None and m.trigger.lemma_.lower() in g.DRAWING_VERBS:
            # "the decision [drew] sharp criticism from Washington": the critic is who it is
            # drawn from, the criticised who drew it
            sources, targets = self._drawn(m.obj, m.trigger, scope)
            anchor = m.trigger
        else:
            sources = [self._speaking_for(a, m, scope)
                       for a in self._resolve_all(g.subjects(m.trigger), scope)]
            targets = self._targets(m, scope, sources)
            anchor = m.trigger
        if not sources and not targets and not m.does_violence and (
                m.nominal or not (g.is_passive(m.trigger) or g.passive_agents(m.trigger))):
            return []  # nobody named, and no agentless act whose doer the place may give
        verbal = anchor.pos in VERBAL_POS
        neg = g.negated(anchor) if verbal else g.has_neg(anchor)
        if m.nominal and g.has_neg(m.trigger):
            neg = True
        flags = list(m.notes)
        code_str = m.event_code
        reciprocal = m.pattern.reciprocal and m.speaker is None and not (
            len(sources) == 1 and m.trigger.lemma_.lower() in ONE_SIDED_GOVERNORS)
        if m.nominal and len(sources) >= 2 and not targets:
            reciprocal = True  # "talks between Serbia and Kosovo", "Serbia and Kosovo's talks"
        elif not reciprocal and len({_actor_key(a) for a in sources if a.country}) >= 2 \
                and not any(t.country for t in targets) and m.speaker is None:
            mutual = g.mutual_marker(m.trigger) or (
                # "Sudan's government and southern rebels broke off peace talks": their talks
                f"their '{m.obj.text}'" if m.obj is not None and not m.nominal
                and self._meeting_noun(m.obj) else None)
            if mutual:  # "Ethiopia and Eritrea massed troops along their border"
                reciprocal = True
                flags.append(mutual)
        intent = g.intent_marker(anchor) if verbal and m.speaker is None else None
        hypo = None if m.speaker is not None else (g.modal(anchor) if verbal else None)
        rule = m.pattern.id
        ending = self._ending(m) if neg and m.obj is not None and not m.nominal else None
        if ending is not None:  # "failed to renew sanctions": they lapse, an easing (085)
            code_str, rule, neg, hypo = ending.code, ending.id, False, None
            flags.append(f"not renewed: the ending of {m.pattern.id}")
        if neg and verbal and code_str[:2] == "03" and m.pattern.reciprocal \
                and g.failed(anchor):
            # "X and Y failed to reach agreement": they did not agree, a rejection both ways
            code_str, neg, hypo, intent = "120", False, None, None
            flags.append("failed to agree")
        if neg and not intent and hypo in ("modal 'can'", "modal 'could'"):
            intent, hypo = "inability", None  # "cannot accept any more refugees": a refusal
        if intent:
            if intent.startswith("future"):
                flags.append("future")  # the event's date lies ahead (see situate)
            # an announced act is an intent or a threat; an announced refusal a rejection
            mood = "refusal" if neg else "intent"
            alt = self.mood_code(code_str, mood) if code_str[:2] != "03" or neg else None
            if alt:
                flags.append(f"{'threat' if alt[:2] == '13' else mood} ({intent})")
                code_str, hypo = alt, None
                # "X is ready to meet Y" is X's intent only; "X and Y will meet" is both's
                reciprocal = reciprocal and not neg and len(sources) >= 2
                neg = False
            elif intent != "reported 'would'" and not intent.startswith("intent"):
                hypo = None
            if alt is None and (code_str[:2] == "03" or code_str[:2] in SPEECH_ROOTS
                                and not neg):
                # an announced intent is one; an announced speech act ("said he would call
                # on the Security Council") is made as it is announced
                hypo = None
        if not m.nominal and m.event_code[:2] in VIOLENCE_ROOTS \
                and g.dispatched_purpose(m.trigger):
            hypo = hypo or f"purpose of '{m.trigger.head.lemma_}'"
        # (an attempt is made even when it is foiled: "foiled an assassination attempt")
        kept_from = g.averted(m.trigger) if code_str not in ATTEMPT_CODES else None
        if kept_from and not hypo:
            hypo = f"averted '{kept_from}'"
        if hypo:
            flags.append(hypo)
        if m.nominal:
            flags.append("nominal")
        pairs: list[tuple[Actor | None, Actor | None, bool]] = []
        srcs = sources or [None]
        tgts = targets or [None]
        for s in srcs:
            for t in tgts:
                if s is not None and t is not None and _same(s, t):
                    continue
                pairs.append((s, t, False))
        if reciprocal:
            if len(sources) >= 2:  # "X and Y clashed": each against the other
                pairs = [(a, b, False) for a in sources for b in sources if a is not b
                         and not _same(a, b)]
            else:
                # only a party that can act: a country, group or named person, not "hospitals"
                # nor a thing placed somewhere ("a session on [the crisis in New York]")
                pairs += [(t, s, True) for s, t, _ in list(pairs)
                          if s and t and not _placed_thing(t)
                          and (t.country or _unknown_name(t))]
        if code_str[:2] == "14" and not m.nominal and sources \
                and m.trigger.lemma_.lower() in VERBAL_PROTEST_VERBS \
                and all(_is_state(a) for a in sources):
            code_str = "114"  # "China protested the decision": a state complains officially
            flags.append("a state's protest")
        if code_str == "190" and not m.nominal and any(
                h.lemma_.lower() in AERIAL_DOERS for h in g.subjects(m.trigger)):
            code_str = "195"  # "warplanes killed 46 civilians": aerial weapons
            flags.append("aerial doer")
        attempt = g.attempted(m.trigger) if not m.nominal else None
        if attempt is not None and code_str == "186":
            code_str = "185"  # "an attempt [to assassinate] the governor": CAMEO's own code
            flags.append(f"attempt '{attempt.text}'")
        code = self.cameo[code_str]
        # Who acted must be said, except in an agentless passive ("were arrested"), where the
        # text names only the target; a predicate with no doer is not an event to code.
        agentless = not m.nominal and g.is_passive(m.trigger) and not g.passive_agents(m.trigger)
        # "a roadside bombing killed four soldiers": the violence is said, its doer is not;
        # so with a weapon for agent ("were killed by [an improvised explosive device]")
        instrument = [a for a in g.passive_agents(m.trigger) if not m.nominal
                      and not self.resolver.is_agent_noun(a)] if not sources else []
        violent = code.root in VIOLENCE_ROOTS
        agentless = agentless or (m.does_violence and not sources) or (violent and bool(instrument))
        # (a noun with its victim: "an attack [on the convoy]", not "the war in Syria")
        said_of = m.trigger if m.nominal and g.prep_objects(m.trigger, ("on", "against")) \
            else attempt
        if violent and said_of is not None and not sources and (
                said_of.dep in g.PASSIVE_SUBJECT_DEPS_IDS or said_of.dep == g.NSUBJ
                or g.averted(said_of)):
            # what the clause is about, its doer unsaid: "an attempt to assassinate the
            # governor [was thwarted]", "an assassination attempt on the president failed"
            agentless = True
        if agentless and violent and not sources and not m.nominal:
            # "were killed in [the Indian shelling]", "in [an Israeli air strike]": the
            # violent act named in the phrase says whose the killing is
            doers = [a for _, n in g.prep_objects(m.trigger, ("in", "during", "by"))
                     if self._violent_noun(n) for a in self._modifier_actors(n, scope)
                     if a.country] or [
                # "were killed when [Russian rockets] hit apartment blocks": the clause's doer
                a for c in children(m.trigger) if c.dep == g.ADVCL and any(
                    k.dep == g.ADVMOD and k.lower in WHEN_AS for k in children(c))
                for a in self._resolve_all(g.subjects(c), scope) if a.country]
            if doers:
                pairs = [(d, t, False) for d in doers
                         for t in self._victims(m.trigger, scope) or [None]]
        if agentless and violent and not sources and all(s is None for s, _, _ in pairs):
            # an unidentified attacker, of the country the violence happened in (CAMEO's UAF)
            doer = instrument[:1] or ([m.trigger] if m.does_violence else [])
            placed = self._place_attacker([m.trigger, *doer, m.trigger.head]
                                          + ([attempt.head] if attempt is not None else []),
                                          scope, doer)
            if placed is not None:
                attacker, place, hit = placed
                # the victims, of that country when the text gives them none ("five
                # civilians were killed in Mogadishu"), rather than the place itself
                victims = [_domestic(a, place.country, f"placed by {place.text!r}")
                           for a in self._victims(m.trigger, scope)] or hit
                pairs = [(attacker, t, False) for t in victims or [t for _, t, _ in pairs]
                         if not (t and t.start == place.start and t.end == place.end)] \
                    or [(attacker, None, False)]
        expulsion = code.code[:3] in EXPULSION_CODES
        if agentless and (code.root in PLACE_DOER_ROOTS or expulsion) \
                and all(s is None for s, _, _ in pairs):
            # "was arrested in Lebanon": arrests, bans and expulsions are the state's acts;
            # "were expelled from North Korea": the state one is expelled from
            state = self._place_state(m.trigger, scope, ("in", "from") if expulsion else ("in",))
            if state is not None:
                pairs = [(state, t, r) for _, t, r in pairs  # not the place itself
                         if not (t and (_same(state, t) or t.start == state.start))] \
                    or [(state, None, False)]
        # the countries named, as places or through the people who act ("President Obama
        # offered to send troops to Uganda" names two)
        countries: set[str] | None = None  # (read when an event is made)
        polity = self.cameo.is_polity_act(code.code)
        out = []
        # protesters protest where they are: "protesters rallied [in Tehran]" are Iranian
        # ... and unidentified attackers are of the country they attack in (CAMEO's UAF
        # convention, as for agentless violence): "gunmen tried to assassinate the president
        # [in Rawalpindi]"
        here = self._act_place(m, scope) if (code.root == "14" or (
            code.root in VIOLENCE_ROOTS and all(
                s is not None and s.sector in PLACED_ATTACKERS for s, _, _ in pairs))) and any(
            s is not None and not s.country for s, _, _ in pairs) else None
        for s, t, reversed_ in pairs:
            if not (_known(s) or _known(t)) or (s is None and not agentless):
                continue
            if here is not None and s is not None and not s.country:
                protest = code.root == "14"
                s = _domestic(s, here.country, f"{'protesting' if protest else 'attacking'} "
                                               f"in {here.text!r}", armed=not protest)
            if t is None and code.code == "040" and not m.nominal:
                continue  # "Israel's Cabinet met Sunday": a body meeting alone meets nobody
            if countries is None:
                # (not where talks are held: "talks with the rebels [in Nairobi]" need not
                # be Kenya's)
                countries = {c for c in [mn.entry.country for mn in scope.mentions
                                         if not self._venue(m, m.trigger.doc[mn.end - 1])]
                             + [a.country for a in (*sources, *targets) if a is not None]
                             if c and len(c) == 3 and c not in GROUP_CLASSES}
            if len(countries) == 1 and code.root in VIOLENCE_ROOTS and s is not None \
                    and s.country in countries and s.sector in INTERNAL_SECURITY_SECTORS:
                # a state's police and security services act at home: "Syrian security
                # forces tortured [detained protesters]" (armies may be abroad)
                t = _domestic(t, s.country, "the police of the sentence's only country")
            elif len(countries) == 1 and code.root not in VIOLENCE_ROOTS:
                # "Nicaragua's government ordered the opposition newspaper to close": in a
                # sentence that names one country, its unnamed parties are domestic; not for
                # armed groups or violence ("US troops killed militants" names no militants'
                # country)
                (only,) = countries
                # (not a doer of the country it addresses: "European ministers called for
                # [Burma] to reform" are no Burmese ministers)
                addressed = t is not None and t.code == only \
                    and (t.how or "").startswith(("name ", "short ", "historical "))
                s = s if addressed else _domestic(s, only)
                t = _domestic(t, only)
                if polity and s is not None and s.country == only and (
                        t is None or not (t.country or t.sector or _foreign(t))):
                    # an act on the doer's own polity, done to nobody else named: "Egyptian
                    # workers went on strike", "the president imposed martial law [on the
                    # southern province]", "refused to cede power [to his rival]"
                    t = _polity(t or s, only, code.code)
                if s is not None and not s.country and s.sector in ("REB", "INS") \
                        and t is not None and t.country == only and t.sector in (None, "GOV"):
                    # rebels addressing the only state named are its rebels ("the Hutu rebel
                    # group insisted that Burundi's government grant ...")
                    s = replace(s, country=only, code=only + s.sector,
                                how=f"{s.how}; rebels facing the state of {only}")
            t = _facing(s, t, polity)
            s = _own_state(s, t)
            out.append(Event(
                doc_id=doc_id, sentence_index=index, sentence=scope.text, date=day,
                source=s, target=t, cameo=code.code, cameo_root=code.root,
                cameo_name=code.name, goldstein=code.goldstein, quad_class=code.quad_class,
                plover_type=code.plover_type, trigger=m.trigger.text,
                trigger_start=m.trigger.idx, trigger_end=m.trigger.idx + len(m.trigger.text),
                negated=neg, hypothetical=bool(hypo), headline=headline, rule=rule,
                flags=flags + (["reciprocal"] if reversed_ else []),
            ))
        return out

    # --- actors -------------------------------------------------------------------------
    def _resolve_all(self, heads: list[Token], scope: Scope) -> list[Actor]:
        # the same slots are read for several predicates and passes; once its heads are
        # resolved (scope.resolved) the answer for a list of heads does not change
        key = tuple([h.i for h in heads])
        found = scope.resolved_all.get(key)
        if found is None:
            found = scope.resolved_all[key] = self._resolve_heads(heads, scope)
        return found.copy()

    def _resolve_heads(self, heads: list[Token], scope: Scope) -> list[Actor]:
        out = []
        for h in heads:
            whole = g.partitive_whole(h)  # "some of the UN peacekeepers"
            if whole is not None:
                out.extend(self._resolve_all([whole], scope))
                continue
            # "scores of Sierra Leonean and Liberian refugees": each party counted
            lemma = h.lemma_.lower()
            counted = [n for _, n in g.prep_objects(h, ("of",))] \
                if lemma in g.QUANTITY_NOUNS or lemma in COUNT_NOUNS else []
            if len(counted) > 1:
                found = [a for n in counted for a in self.resolver.resolve_many(n, scope)
                         if not self._place_conjunct(n, [a])]
                if any(a.country for a in found):
                    out.extend(found)
                    continue
            elif counted:  # "dozens of [anti-government protesters] in Baghdad"
                found = self.resolver.resolve_many(counted[0], scope)
                if any(_known(a) for a in found):
                    whole = self.resolver.phrase_actor(h)  # the words of the whole phrase
                    out.extend(replace(a, text=whole.text, start=whole.start, end=whole.end)
                               for a in found)
                    continue
            found = self.resolver.resolve_many(h, scope)
            if out and out[0].country and found and all(a.sector and not a.country
                                                        for a in found) and (
                    h.dep == g.CONJ and ((out[0].how or "").startswith("adjective")
                                         or any(c.dep == g.POSS for c in children(h.head)))
                    or h.dep == g.NMOD):
                # "Turkish drones and [artillery]": the nationality covers both (as the
                # possessor does: "Israel's army and [police]", "Sudan's [government] and
                # southern rebels")
                c = out[0].country
                found = [replace(a, country=c, code=c + a.sector,
                                 how=f"{a.how}; coordinated with {out[0].text!r}")
                         for a in found]
            if not self._place_conjunct(h, found):
                out.extend(found)
        if len(out) > 1:  # "Russian artillery and [rocket launchers]": one force, not also
            # a bare "Russian" for the conjunct the nationality only reaches through the parse
            armed = {a.country for a in out if a.sector and a.country}
            out = [a for a in out if a.sector or a.country not in armed
                   or not (a.how or "").startswith("adjective")]
        return out

    def _place_conjunct(self, h: Token, found: list[Actor]) -> bool:
        """A place the parser coordinated with people: "protesters in Baghdad and [the
        southern city of Basra]" (the places are coordinated, not the people)."""
        if h.dep != g.CONJ or not found \
                or not all((a.how or "").startswith(("place ", "capital ")) for a in found):
            return False  # (the common case, tested cheaply first)
        people = h.head.lemma_.lower() in g.QUANTITY_NOUNS | COUNT_NOUNS \
            or self.resolver.is_agent_noun(h.head)  # "dozens of protesters ... and [Basra]"
        return people and not self.resolver.is_agent_noun(h)

    def _victims(self, v: Token, scope: Scope) -> list[Actor]:
        """Whom a passive act of violence was done to ("five civilians were killed")."""
        if not g.is_passive(v):
            return []
        return [a for a in self._resolve_all(g.passive_targets(v), scope) if _known(a)]

    def _modifier_actors(self, n: Token, scope: Scope, places: bool = True) -> list[Actor]:
        """Actors named inside a noun's left side: "a South Korean offer", "Japan's curbs";
        without `places`, not a city that only says where ("the [Astana] talks")."""
        for c in children(n):
            if c.dep == g.POSS:
                found = self._resolve_all(g.expand_conj(c), scope)
                if found:
                    return found
        left = [m for m in scope.mentions if m.end <= n.i and m.start >= n.left_edge.i
                and (places or m.entry.kind not in VENUE_KINDS)
                and not _sponsor(n.doc, m.end)]
        last = left[-1:]
        if len(left) >= 2 and left[-2].end + 1 == left[-1].start \
                and n.doc[left[-2].end].text in PAIR_JOINERS:
            last = left[-2:]  # "[Eritrean]-[Yemeni] negotiations", "[U.S.]-[Japan] talks"
        return [self.resolver.mention_actor(n.doc, m) for m in last]

    def _compound_agents(self, n: Token, scope: Scope) -> list[Actor]:
        """The group whose demand or act a noun names, named before it: "rejected
        [opposition] demands", "banned [opposition] rallies" (not its victims: "child
        abductions")."""
        agents = [c for c in children(n) if c.dep == g.COMPOUND and c.i < n.i
                  and self.resolver.is_agent_noun(c)]
        if not agents or self.match_noun(n) is None:
            return []
        return [a for a in self._resolve_all(agents[-1:], scope)
                if a.sector and a.sector not in VICTIM_SECTORS]

    def _targets(self, m: Match, scope: Scope, sources: list[Actor]) -> list[Actor]:
        own = self._own_targets(m, scope, sources)
        if m.purpose is not None and not any(a.country for a in own):
            # a protest is aimed at whom its demand is made of: "rallied to demand that [the
            # government] halt imports", "marched demanding the resignation of [President X]"
            asked = self._own_targets(m.purpose, scope, sources)
            if any(a.country or _unknown_name(a) for a in asked):
                return asked
        return own

    def _own_targets(self, m: Match, scope: Scope, sources: list[Actor]) -> list[Actor]:
        v = m.trigger
        obj = m.obj
        # the slots where a target may be, in order of preference; each is read only when
        # reached (most acts find their target in the first slot or two)
        slots: list[Callable[[], list[Token]]] = []
        xcomp = m.xcomp
        if xcomp is None and m.event_code[:2] in MOOD_OF_ROOT and not m.nominal \
                and not (m.pattern.objects or m.pattern.preps):
            # an act the lexicon does not code is still done to someone: "refused to allow
            # [U.S. warships] to visit its ports", "offered to help [Haiti]"
            xcomp = next((c for c in children(v) if c.dep == g.XCOMP and c.pos in VERBAL_POS),
                         None)
        if m.event_code == RALLY_OPPOSITION and xcomp is not None:
            # whom others are rallied against: "urged Iraqis to rise up [against the
            # occupation]", not those urged
            slots.append(lambda: [n for _, n in g.prep_objects(xcomp, ("against",))])
        if m.event_code in HANDOVER_CODES:
            # a suspect is handed over to whom receives him: "extradited the drug lord [to
            # the United States]", "was handed over [to the U.N. tribunal]"
            slots.append(lambda: [n for w in (v, xcomp) if w is not None
                                  for _, n in g.prep_objects(w, ("to",))])
        passive = g.is_passive(v)
        if passive:
            slots.append(lambda: g.passive_targets(v))
        if _withdrawal(m.event_code):
            # whom one pulls out of: "withdrawing its forces [from Chechnya]"
            slots.append(lambda: [n for _, n in g.prep_objects(v, ("from", "out"))])
        if m.event_code[:3] == "192":  # "captured the town [from Eritrean forces]"
            slots.append(lambda: [n for _, n in g.prep_objects(v, ("from",))])
        if xcomp is not None and (g.for_to_clause(xcomp) or xcomp.dep == g.CCOMP):
            # who is to do it: "called for [Burma] to institute reforms", "demanded that
            # [Russia] withdraw its troops"
            slots.append(lambda: g.subjects(xcomp))
        if m.pattern.preps and not m.pattern.objects:
            slots.append(lambda: [n for _, n in g.prep_objects(v, m.pattern.preps)])
        slots.append(lambda: [o for o in g.direct_objects(v) if obj is None or o.i != obj.i])
        # the object the entry needed, when it names another country's people ("summoned [a
        # senior Indian diplomat] to its ministry", "expelled [45 Russian diplomats]")
        obj_index = len(slots)
        slots.append(lambda: [obj] if obj is not None and (
            self.resolver.is_agent_noun(obj) or m.event_code[:2] in VIOLENCE_ROOTS
            and obj.lemma_.lower() in g.HELD_PLACES) else [])
        if m.event_code[:2] in VIOLENCE_ROOTS:
            # who passed by when it struck: "detonated a bomb as [an army convoy] passed"
            slots.append(lambda: [s for c in children(v) if g.when_clause(c)
                                  and c.lemma_.lower() in g.PASSING_VERBS
                                  for s in g.subjects(c)])
        if m.event_code[:2] == "07":  # aid is for whom it is for, not where it is flown:
            # "flew medicine into Goma [for Rwandan refugees]"
            slots.append(lambda: [n for _, n in g.prep_objects(v, ("for",))])
        if m.event_code[:2] in REACTION_ROOTS:
            # a reaction to an act is aimed at its doer: "condemned the attack [by Hamas] on
            # Israel", "investigated an incursion [by Colombian troops] into Ecuador"
            slots.append(lambda: [a for o in ([obj] if obj is not None else g.direct_objects(v))
                                  for n in (o, *[p for _, p in g.prep_objects(o, ("of",))])
                                  for _, a in g.prep_objects(n, ("by",))]
                         # "gathered evidence of atrocities [committed by Serb forces]"
                         + [a for o in ([obj] if obj is not None else g.direct_objects(v))
                            for a in g.participle_agents(o)])
        slots.append(lambda: [n for _, n in g.prep_objects(obj, g.TARGET_PREPS)]
                     if obj is not None else [])
        # whom the act it is for was aimed at: "claimed responsibility for [the attack on
        # the army's sites]"
        slots.append(lambda: [x for _, n in g.prep_objects(obj, ("for",))
                              if self.match_noun(n) is not None
                              for _, x in g.prep_objects(n, g.TARGET_PREPS)]
                     if obj is not None else [])
        slots.append(lambda: [n for p, n in g.prep_objects(v, g.TARGET_PREPS)
                              if obj is None or n.i != obj.i])
        if xcomp is not None:
            # with or to whom the complement's object is: "to share intelligence [with
            # Washington] on camps in Afghanistan", "to hold talks [with the rebels]"
            slots.append(lambda: [n for o in g.direct_objects(xcomp)
                                  for _, n in g.prep_objects(o, ("with", "to"))])
            slots.append(lambda: g.direct_objects(xcomp)
                         + [n for _, n in g.prep_objects(xcomp, g.TARGET_PREPS)])
        if g.dispatched_purpose(v):  # "sent officials [to Qatar] to investigate"
            slots.append(lambda: [n for _, n in g.prep_objects(v.head, ("to", "into", "in"))])
        if m.event_code[:2] in ("13", "10") or m.event_code[:2] in VIOLENCE_ROOTS:
            # "threatened to halt talks if the United States goes ahead": the one threatened
            # (also by an act it will do: "will strike the missiles if [Cyprus] deploys them")
            slots.append(lambda: [s for w in (v, xcomp) if w is not None
                                  for c in children(w) if c.dep == g.ADVCL
                                  and any(k.dep == g.MARK and k.lower_ in ("if", "unless")
                                          for k in children(c))
                                  for s in g.subjects(c)])
        if m.event_code[:2] == "14" and obj is not None:
            # what a strike or blockade hits: "organized a general strike [that shut down
            # Kathmandu]"
            slots.append(lambda: [o for c in children(obj) if c.dep == g.RELCL
                                  for o in g.direct_objects(c)])
        if m.event_code[:2] in ("03", "08"):
            # whom one yields or agrees to after talking: "called off the strike [after
            # deliberations with the government]"
            slots.append(lambda: [x for _, n in g.prep_objects(v, ("after", "following"))
                                  if self._meeting_noun(n)
                                  for _, x in g.prep_objects(n, ("with",))])
        if m.event_code[:2] in CLAUSE_TARGET_ROOTS or m.event_code in HOPE_CODES:
            # "demanded that Russia withdraw": who is asked, warned or blamed is the clause's
            # subject
            slots.append(lambda: [s for c in children(v) if c.dep == g.CCOMP
                                  for s in self._clause_party(c, m, scope, sources)])
        groups: list[list[Token]] = []  # the slots read so far
        src_keys = {_actor_key(s) for s in sources}
        src_countries = {s.country for s in sources if s.country}
        polity = self.cameo.is_polity_act(m.event_code)
        memo: dict[int, list[Actor]] = {}

        def resolved():  # slot by slot, each read and resolved once and only when reached
            for i, slot in enumerate(slots):
                if i not in memo:  # (not where it happens: "talks [at State House]")
                    groups.append([h for h in slot() if not self._venue(m, h)])
                    memo[i] = [_facing(sources[0], a, polity) if sources else a
                               for a in self._resolve_all(groups[i], scope)
                               if (_actor_key(a) not in src_keys
                                   or _other_person(a, sources))
                               and not (i == obj_index and a.country in src_countries
                                        # (but its own rebels and dissidents may be: "pounded
                                        # [Chechen rebel positions]")
                                        and a.sector not in DISSENT_SECTORS | ARMED_SECTORS)
                               and not _own_agents(a, src_countries)]
                yield memo[i]

        for i, found in enumerate(resolved()):  # a slot that names a country, a group or a person
            # (a passive's subject is who it was done to, even without a country: "[the
            # journalist] was arrested in Niger" is no act against Niger)
            named = [a for a in found if a.country or _unknown_name(a)
                     or (passive and i == 0 and a.sector)]
            if named:  # not what is sent with it: "send [troops] to [Uganda]"
                return named
        if m.obj is not None:
            found = [a for a in self._modifier_actors(m.obj, scope)
                     # (not who strikes or deploys: "artillery strikes", "police presence")
                     or (self._compound_agents(m.obj, scope)
                         if m.event_code[:2] not in VIOLENCE_ROOTS | {"15"} else [])
                     if _actor_key(a) not in src_keys]
            if found:
                return found
        # somebody named inside what is done or asked: "demanded the removal of President X",
        # "rejected calls by Annan", "dismissed an appeal from Gbagbo"; else what the act is
        # for: "began a hunger strike to protest Sweden's decision", "in protest against X"
        objs = [m.obj] if m.obj is not None else g.direct_objects(v) + (
            # "gave in to [the demands] of striking drivers"
            [n for _, n in g.prep_objects(v, m.pattern.preps or ("to",))])
        aims = g.purpose_objects(v)
        for nouns in ([n for o in objs for _, n in g.prep_objects(o, OBJECT_ACTOR_PREPS)],
                      [a for n in aims for a in g.participle_agents(n)], aims):
            found = [a for n in nouns for a in self._noun_actors(n, scope)
                     if _actor_key(a) not in src_keys]
            # (a person's unknown name too: "denied charges from [Liberman]")
            if any(_known(a) or _unknown_name(a) for a in found):
                return found
        # the first actor named after the predicate in its own phrase ("opened an embassy in
        # Tehran", "aid for Romania"), as dictionary coders take the verb phrase's first actor
        lo, hi = v.i, v.right_edge.i
        named = sorted([(mn.start, mn.end, mn) for mn in scope.mentions]
                       + [(s, e, None) for s, e in scope.people], key=lambda x: x[0])
        for start, end, mention in named:
            if lo < start and end - 1 <= hi and not _in_other_clause(v, v.doc[start]):
                if mention is not None:
                    tok = v.doc[end - 1]
                    if _sponsor(v.doc, end):
                        continue  # "[U.N.]-sponsored talks with X": a third party
                    if self._venue(m, tok) or (mention.entry.kind in VENUE_KINDS
                                               and tok.dep == g.COMPOUND
                                               and self._meeting_noun(tok.head)):
                        continue  # "met in Geneva", "the Astana talks"
                    if tok.dep == g.POBJ and tok.head.lower_ == "from" \
                            and m.event_code[:3] in EXPULSION_CODES:
                        continue  # "were expelled [from Russia]": who expels (_place_state)
                    actor = self.resolver.mention_actor(v.doc, mention)
                    if actor.sector and mention.entry.kind == "capital" \
                            and g.locative_object(tok):
                        # "attacked a convoy [near Kabul]": the place, not its government
                        actor = None if actor.country in src_countries else replace(
                            actor, code=actor.country, sector=None, how=f"place: {actor.how}")
                else:  # a known person ("hosted a dinner for Netanyahu")
                    found = self.resolver.resolve_many(v.doc[end - 1], scope)
                    actor = found[0] if found and found[0].country else None
                if actor is not None and _actor_key(actor) not in src_keys \
                        and m.event_code[:2] in HARM_ROOTS and mention is not None \
                        and g.locative_object(tok):
                    # whom force was used on, placed there: "tortured [an inmate] in western
                    # Iran" is an Iranian inmate, not an act against Iran
                    victims = [_domestic(a, actor.country, f"placed by {actor.text!r}")
                               for a in self._resolve_all(
                                   g.direct_objects(v) + [n for _, n in g.prep_objects(
                                       v, ("on", "at", "against"))], scope)
                               if _known(a) and not a.country and a.sector not in ARMED_SECTORS]
                    if victims:
                        return victims
                if actor is not None and _actor_key(actor) not in src_keys:
                    # with the countries coordinated with it ("aid for Romania and Poland")
                    more = [a for c in g.expand_conj(v.doc[end - 1])[1:]
                            for a in self._resolve_all([c], scope)
                            if a.country and _actor_key(a) not in src_keys]
                    return [actor, *more]
        for found in resolved():  # a sector without a country ("police", "the rebels")
            if any(_known(a) for a in found):
                return found
        for found in resolved():  # unknown names are better than nothing
            if found:
                return found
        # what the act was done to, as the text says it, when it names no actor we know
        # ("killed [at least 75 displaced people]"): its code stays unknown
        # (not the thing done or given: "eased [key restrictions]", "carried out [strikes]";
        # but what violence or force is used on: "attacked [the convoy]")
        # (and whom one expels: "expelled [all UNSCOM weapons inspectors]")
        hit = m.obj is not None and (m.event_code[:2] in VIOLENCE_ROOTS | {"17"}
                                     or m.event_code[:3] in EXPULSION_CODES) \
            and self.match_noun(m.obj) is None and m.obj.lemma_.lower() not in g.FIRE_NOUNS
        # (what is fired is not whom it hit: "exchanged [fire]", "launched [operations]")
        # (every slot has been read by now: the loop above found them all empty)
        phrases = ([m.obj] if hit else []) + [h for i, heads in enumerate(groups)
                                              if i != obj_index for h in heads]
        for h in phrases:
            if h.pos in NOMINAL_POS and h.lower not in g.TIME_NOUNS_IDS:
                return [self.resolver.phrase_actor(h)]
        return []

    def _speaking_for(self, a: Actor, m: Match, scope: Scope) -> Actor:
        """An official of no named country who says what a state will do speaks for it:
        "[Norway] will suspend its role ..., Deputy Foreign Minister Vidar Helgesen warned"
        (wire copy names a foreign official's country in his title)."""
        if a.country or a.sector != "GOV" or m.event_code[:2] not in ("01", "13"):
            return a
        v = m.trigger
        # the clause said: its complement, or before it ("Norway will ..., X warned")
        # (or, misparsed, the verb it is coordinated with)
        said = [c for c in children(v) if c.dep == g.CCOMP] + (
            [v.head] if v.dep in (g.CCOMP, g.PARATAXIS, g.CONJ) and v.head.i < v.i else [])
        for c in said:
            if c.pos in VERBAL_POS and g.future(c) and c.lemma_.lower() not in g.BEARING_VERBS:
                states = [x for x in self._resolve_all(g.subjects(c), scope) if _is_state(x)
                          and len(x.country) == 3 and x.country not in GROUP_CLASSES]
                if len(states) == 1:  # (not _domestic: a "Foreign Minister" is his own's)
                    country = states[0].country
                    return replace(a, country=country, code=country + a.sector,
                                   how=f"{a.how}; speaking of {states[0].text!r}")
        return a

    def _clause_party(self, c: Token, m: Match, scope: Scope, sources: list[Actor]
                      ) -> list[Token]:
        """Who a warning in a clause is made to: the clause's subject ("warned that [Iran]
        would pay"), unless that is the speaker's own side saying what it will do ("[China]
        will never renounce force to reunify Taiwan, Li Peng warned"); then the parties the
        clause names after it, as in its objects and conditions ("... reunify [Taiwan]")."""
        subjects = g.subjects(c)
        own = {a.country for a in sources if a.country}
        if m.event_code[:2] != "13" or not subjects or not own:
            return subjects
        doers = self._resolve_all(subjects, scope)
        if not doers or any(a.country not in own for a in doers):
            return subjects
        inside = {t.i for s in subjects for t in s.subtree}
        return next(([t] for t in c.subtree if t.i not in inside and t.i > c.i
                     and t.dep in g.NOUN_PHRASE_DEPS_IDS and t.pos in NOMINAL_POS
                     and any(a.country and a.country not in own
                             for a in self._resolve_all([t], scope))), [])

    def _act_place(self, m: Match, scope: Scope) -> Actor | None:
        """The country a protest or an attack is placed in: "rallied [in Tehran]", "blocked
        streets [in Hong Kong]", "tried to assassinate the president [in Rawalpindi]"."""
        v = m.trigger
        if m.nominal:
            if not g.undergone(v):
                return None
            v = v.head.head  # "came under attack [in south Mogadishu]"
        if m.event_code[:2] in VIOLENCE_ROOTS:  # a town seized or shelled is where it was
            for o in g.direct_objects(v):
                for a in self.resolver.resolve_many(o, scope):
                    if a.country and len(a.country) == 3 and a.country not in GROUP_CLASSES \
                            and (_is_place(a) or o.lemma_.lower() in g.PLACE_NOUNS
                                 and (a.how or "").startswith("adjective")):
                        return a
        when = [c for c in children(v) if g.when_clause(c)]  # "as it passed near X"
        for w in (v, *g.direct_objects(v), *[x for x in [m.xcomp] if x], *when):
            for n in [n for _, n in g.prep_objects(w, ("in", "outside", "near"))] \
                    + g.compass_places(w):
                # (an institution is where it is: "outside [the U.S. embassy] in Islamabad";
                # a raid where it was: "in a night raid south of [Algiers]")
                inside = [x for _, x in g.prep_objects(n, ("in",))] + g.compass_places(n)
                for a in [a for h in (n, *inside) for a in self.resolver.resolve_many(h, scope)]:
                    # a place by its name, not "in defiance of [Chinese authorities]"
                    if a.country and len(a.country) == 3 and a.country not in GROUP_CLASSES \
                            and _is_place(a):
                        return a
        return None

    def _place_state(self, v: Token, scope: Scope, preps: tuple[str, ...] = ("in",)
                     ) -> Actor | None:
        """The government of the country a passive act is placed in ("arrested in Lebanon")."""
        for _, n in g.prep_objects(v, preps):
            for a in self.resolver.resolve_many(n, scope):
                if a.country and a.country == a.code[:3] and len(a.country) == 3 \
                        and a.country not in GROUP_CLASSES:
                    return replace(a, code=a.country + "GOV", sector="GOV",
                                   how=f"state of the place of a passive act: {a.how}")
        return None

    def _place_attacker(self, heads: list[Token], scope: Scope, doer: list[Token]
                        ) -> tuple[Actor, Actor, list[Actor]] | None:
        """Unidentified armed forces of the country an act of violence is placed in ("killed
        by a roadside bomb [outside the Iraqi city of Basra]"), named by the place, and the
        place; not by an institution it happened at, which was hit ("outside [the U.S.
        embassy] in Beirut" is in Lebanon, and the embassy is hit)."""
        for h in heads:
            for _, n in g.prep_objects(h, g.LOCATIVE_PREPS):
                if self._violent_noun(n):
                    continue  # "in the Indian shelling" is no place
                found = self.resolver.resolve_many(n, scope)
                inside = [a for _, x in g.prep_objects(n, g.LOCATIVE_PREPS)
                          for a in self.resolver.resolve_many(x, scope)]
                hit: list[Actor] = []
                if inside and not any(_is_place(a) for a in found):
                    hit, found = found, inside  # an embassy, a ministry: what was hit
                for a in found:
                    if a.country and len(a.country) == 3 and a.country not in GROUP_CLASSES:
                        # its words are the place's, which give its country (the doer,
                        # if any, is a weapon or an event: "a roadside bomb")
                        return Actor(a.country + "UAF", a.country, "UAF", a.text, a.start,
                                     a.end, None, "unidentified attacker, placed by "
                                     f"{a.text!r}" + (f" ({doer[0].text!r})" if doer else "")
                                     ), a, hit
        return None

    def _venue(self, m: Match, tok: Token) -> bool:
        """Is `tok` only where something happens: "proposed [a meeting in Stockholm]", "met in
        Geneva"? (Not where one travels to: "arrived in Moscow" is a visit to Russia.)"""
        if tok.dep != g.POBJ:  # (tested before `tok.head`, which makes a new Token)
            return False
        prep = tok.head
        if prep.lower_ not in g.LOCATIVE_PREPS:
            return False
        at = prep.head
        if at.i == m.trigger.i:
            if m.event_code[:2] in COOPERATIVE_ACTS and tok.pos == POS_NOUN \
                    and not self.resolver.is_agent_noun(tok) \
                    and any(p in ("to", "with") for p, _ in g.prep_objects(at)):
                # "handed in weapons to the UN [at a quartering area] in Angola" (but with
                # nobody it is done to or with, the place is all there is: "surrendered [in
                # the town]")
                return True
            return m.event_code[:2] == "04" and m.event_code[:3] not in ("042", "043")
        # a meeting's place, when the act is the meeting or an offer of it (but "aid in
        # Ethiopia", "a ceasefire in Ukraine": the place is whom it is for)
        if m.event_code[:2] in ("03", "04", "16") and self._meeting_noun(at):
            return True  # (and "broke off talks [in Kenya]")
        if at.dep != g.POBJ:
            return False
        # "signed it at a ceremony [in Cairo]"; "talks with the rebels [in Nairobi]"
        return self._venue(m, at) or (m.event_code[:2] in ("03", "04", "16")
                                      and self._meeting_noun(at.head.head))

    def _meeting_noun(self, n: Token) -> bool:
        if n.pos != POS_NOUN:
            return False
        event = self.match_noun(n)
        return event is not None and event.event_code[:2] == "04"

    def _violent_noun(self, n: Token) -> bool:
        found = self.match_noun(n)
        return found is not None and found.event_code[:2] in VIOLENCE_ROOTS

    def _noun_actors(self, n: Token, scope: Scope) -> list[Actor]:
        """The actor a noun names, else one named in its left side ("Sweden's decision")."""
        found = self._resolve_all([n], scope)
        return found if any(_known(a) or _unknown_name(a) for a in found) \
            else self._modifier_actors(n, scope)

    def _drawn(self, reaction: Token, verb: Token, scope: Scope
               ) -> tuple[list[Actor], list[Actor]]:
        """(who reacts, who drew it) of a reaction drawn: "[drew] sharp criticism from
        Washington". With nobody named it is drawn from, no act of anyone ("authorities,
        [facing] the biggest protests since independence, ...")."""
        reacting = self._resolve_all([x for w in (reaction, verb)
                                      for _, x in g.prep_objects(w, ("from",))], scope)
        if not reacting:
            return [], []
        keys = {_actor_key(a) for a in reacting}
        return reacting, [a for a in self._resolve_all(g.subjects(verb), scope)
                          if _actor_key(a) not in keys]

    def _nominal_actors(self, m: Match, scope: Scope
                        ) -> tuple[list[Actor], list[Actor]]:
        n = m.trigger
        # "the sanctions [imposed by Washington on Tehran]": the participle names both sides
        participles = [c for c in children(n) if c.dep == g.ACL and c.tag == g.VBN]
        of_objects = [x for _, x in g.prep_objects(n, ("of",))]
        # "the Geneva talks" are held there; "the Geneva [decision]" may be the city's
        meeting = m.event_code[:2] == "04" and m.event_code[:3] not in ("042", "043")
        sources = self._modifier_actors(n, scope, places=not meeting)
        if n.dep == g.DOBJ and n.head.lemma_.lower() in g.DRAWING_VERBS:
            # "confiscated land, [drawing] an angry protest from the PLO": the PLO reacts to
            # whoever drew it
            reacting, drew = self._drawn(n, n.head, scope)
            if reacting:
                return reacting, drew
        if g.undergone(n):
            came = n.head.head
            # "the patrol [came under attack] from gunmen": whoever comes under it is hit
            doers = self._resolve_all([x for w in (n, came)
                                       for _, x in g.prep_objects(w, ("from", "by"))], scope)
            hit = self._resolve_all(g.subjects(came), scope)
            if doers or hit:
                return doers or sources, hit
        if not sources:  # "the lifting of sanctions [by the EU]": by-phrases name the doer
            # (and from-phrases what is given or said: "aid [from] Japan", "calls [from] the
            # UN"; not what is left: "a withdrawal from Lebanon")
            by = ("by", "from") if m.event_code[:2] in FROM_DOER_ROOTS else ("by",)
            sources = self._resolve_all([x for w in (n, *of_objects)
                                         for _, x in g.prep_objects(w, by)]
                                        + [a for c in participles for a in g.passive_agents(c)],
                                        scope)
        if not sources and n.dep in (g.DOBJ, g.ATTR) and n.head.pos in VERBAL_POS \
                and not m.reacted_to and (n.dep == g.ATTR or n.head.lemma_.lower()
                                          in g.SUPPORT_VERBS):
            sources = self._resolve_all(g.subjects(n.head), scope)
        taking_part = g.participation_verb(n) if not sources else None
        if taking_part is None and not sources and m.event_code[:2] == "14" \
                and n.dep == g.POBJ and n.head.lower_ == "in" and n.head.head.pos in VERBAL_POS \
                and n.lemma_.lower() not in g.PURPOSE_NOUNS:
            taking_part = n.head.head  # "merchants [shuttered] their shops in a strike"
        if taking_part is not None:  # "protesters [participating] in a hunger strike"
            sources = self._resolve_all(g.subjects(taking_part), scope)
        joined = n.head.head if n.dep == g.POBJ and n.head.lower == g.FOR else None
        if not sources and joined is not None and joined.lemma_.lower() in g.JOINING_VERBS:
            # "Tillerson joined Zarif for a meeting": the joiner meets the joined
            sources = self._resolve_all(g.subjects(joined), scope)
            joined_targets = self._resolve_all(g.direct_objects(joined), scope)
            if sources and joined_targets:
                return sources, joined_targets
        if not sources:  # "talks between Serbia and Kosovo": both sides are parties
            parties = self._resolve_all([x for _, x in g.prep_objects(n, ("between",))], scope)
            if len(parties) >= 2:
                return parties, []
        if _withdrawal(m.event_code):
            # "the withdrawal of its troops [from Lebanon]": whom one pulls out of, not what
            keys = {_actor_key(s) for s in sources}
            left = [a for a in self._resolve_all([x for w in (n, *of_objects)
                                                  for _, x in g.prep_objects(w, ("from", "out"))],
                                                 scope) if a.country and _actor_key(a) not in keys]
            if left:
                return sources, left
        preps = m.pattern.preps or frozenset(g.TARGET_PREPS + ("between", "of"))
        # "the suspension of aid [to Guatemala]": also through what the noun is of
        targets = self._resolve_all([x for w in (n, *participles)
                                     for _, x in g.prep_objects(w, preps)], scope)
        if not any(t.country for t in targets):
            targets = self._resolve_all([x for w in of_objects
                                         for _, x in g.prep_objects(w, g.TARGET_PREPS)],
                                        scope) or targets
        if not any(t.country for t in targets) and m.event_code[:2] in VIOLENCE_ROOTS:
            # "blockades in the West Bank", "air strikes in Syria": the place is hit
            places = [x for _, x in g.prep_objects(n, ("in", "across", "inside"))]
            if n.dep == g.DOBJ and n.head.pos in VERBAL_POS:
                places += [x for _, x in g.prep_objects(n.head, ("in", "across", "inside"))]
            found = [a for a in self._resolve_all(places, scope) if a.country]
            targets = found or targets
        src_keys = {_actor_key(s) for s in sources}
        targets = [t for t in targets if _actor_key(t) not in src_keys]
        if not targets and m.event_code[:2] in ADDRESSED_ROOTS:
            # "NK yet to respond to [US request]", "Iran weighed [the EU offer]": whoever
            # reacts to an appeal, offer, demand or threat is the one it was made to
            verb = n.head.head if n.dep == g.POBJ else n.head if n.dep == g.DOBJ else None
            if verb is not None and verb.pos in VERBAL_POS:
                targets = [a for a in self._resolve_all(g.subjects(verb), scope)
                           if _actor_key(a) not in src_keys and a.country]
        if not targets and m.event_code[:2] == "14":
            # a protest outside an institution is against it: "a demonstration by students
            # [outside the Japanese embassy]"
            # (outside the noun or its doers: "students [outside] the embassy"; prep_objects
            # reads "in front of" as "outside")
            outside = [x for t in n.subtree for _, x in g.prep_objects(t, ("outside",))
                       if self.resolver.is_agent_noun(x)]
            targets = [a for a in self._resolve_all(outside[:1], scope)
                       if a.country and _actor_key(a) not in src_keys]
        if not targets and n.dep == g.NSUBJ and n.head.lemma_.lower() in g.ARRIVAL_VERBS:
            # where what is given arrives: "aid from the EU reached [Moldova]"
            arrived = g.direct_objects(n.head) + [
                x for _, x in g.prep_objects(n.head, ("in", "to", "into", "at"))]
            targets = [a for a in self._resolve_all(arrived, scope)
                       if a.country and _actor_key(a) not in src_keys]
        if not targets:
            # whom the act a noun names is done with: "Ethiopia's refusal to take part in a
            # joint study with [Egypt]", "a proposal to hold talks with [Iran]"
            deep = [x for c in children(n) if c.dep == g.ACL and c.tag == g.VB
                    for p in c.subtree if p.dep == g.POBJ and p.head.lower_ in DEEP_TARGET_PREPS
                    and not _in_other_clause(c, p) for x in g.expand_conj(p)]
            targets = [a for a in self._resolve_all(deep, scope)
                       if a.country and _actor_key(a) not in src_keys]
        if not targets and m.does_violence:  # "a bombing killed [four US soldiers]"
            hit = g.direct_objects(n.head)
            targets = [a for a in self._resolve_all(hit, scope)
                       if _actor_key(a) not in src_keys] or [
                self.resolver.phrase_actor(x) for x in hit if x.pos in NOMINAL_POS][:1]
        if not targets:  # "an attack on [the convoy]": what the text says was hit
            targets = [self.resolver.phrase_actor(x) for _, x in g.prep_objects(n, preps)
                       if x.pos in NOMINAL_POS][:1]
        return sources, targets


def _sponsor(doc: Doc, end: int) -> bool:
    """Is the name ending before `end` a third party's, "[U.N.]-sponsored talks", "a
    [U.S.]-brokered ceasefire"?"""
    return end + 1 < len(doc) and doc[end].text == "-" \
        and doc[end + 1].lower_ in SPONSOR_PARTICIPLES


def _placed_thing(a: Actor) -> bool:
    """An actor that is only a place's country given to a thing there ("the crisis in New
    York": how = "place 'New York'"), not people located there ("+ agent 'rebels'")."""
    how = a.how or ""
    return how.startswith("place ") and "+ agent" not in how


def _without_unplaced_repeats(events: list[Event]) -> list[Event]:
    """"Attacked an Afghan base and killed 26 soldiers": the same act by the same doer, once
    toward a party of known country; the unplaced other ("26 soldiers") adds no dyad. (Not
    the same predicate's other targets: "sanctions against [the ICC] and [people who work for
    it]" stay.)"""
    def act(e: Event) -> tuple:
        return _actor_key(e.source), e.cameo, e.negated, e.hypothetical

    placed = {act(e): e.trigger_start for e in events if e.target and e.target.country}
    return [e for e in events if e.target and e.target.country
            or placed.get(act(e), e.trigger_start) == e.trigger_start]


def _own_agents(a: Actor, countries: set[str]) -> bool:
    """The doer's own forces or envoys ("withdrew [its troops]", "recalled [its
    ambassador]") are what the act moves, not whom it is done to."""
    return a.sector in OWN_AGENT_SECTORS and a.country in countries \
        and (a.how or "").startswith("possessive")


def _domestic(a: Actor | None, country: str, why: str = "the sentence's only country",
              armed: bool = False) -> Actor | None:
    """`a` placed in `country` when the text gives it none; armed groups only if `armed`
    (gunmen where they attack), and never "foreign" or "international" parties."""
    if a is None or a.country or (a.sector in ARMED_SECTORS and not armed):
        return a
    words = _text_words(a)
    if FOREIGN_WORDS & words:
        return a  # "international investors", "foreign journalists" are nobody's own
    if not a.sector:  # an organisation's unknown name ("The Homeland Union"), not a person's
        if not _unknown_name(a) or not ORGANISATION_WORDS & words or REGIONAL_WORDS & words:
            return a
        return replace(a, country=country, code=country, how=f"{a.how}; {why}")
    return replace(a, country=country, code=country + a.sector,
                   how=f"{a.how}; {why}")


def _facing(s: Actor | None, t: Actor | None, polity: bool) -> Actor | None:
    """`t` placed in the country of `s` where they face each other at home: a country's
    dissenters face its own state, and its police, courts and curfews its own dissenters
    ("Sri Lanka's opposition demanded that [the government] accept mediation", "Indian
    authorities threatened a curfew if [separatist leaders] marched")."""
    if s is None or t is None or not s.country or t.country or not t.sector \
            or len(s.country) != 3 or s.country in GROUP_CLASSES:
        return t
    if s.sector in DISSENT_SECTORS and t.sector in STATE_SECTORS or t.sector in DISSENT_SECTORS \
            and (s.sector in DOMESTIC_ORGAN_SECTORS or polity and s.sector == "GOV"):
        return _domestic(t, s.country, f"facing {s.text!r}", armed=True)
    return t


def _own_state(s: Actor | None, t: Actor | None) -> Actor | None:
    """The state `s` is when it says it is the government's and faces that country's own
    rebels or dissenters: "[government troops] killed 15 FARC rebels" are Colombian."""
    if s is None or t is None or s.country or not t.country or len(t.country) != 3 \
            or t.country in GROUP_CLASSES or t.sector not in DISSENT_SECTORS | ARMED_SECTORS \
            or s.sector not in STATE_SECTORS or "government" not in _text_words(s):
        return s
    return _domestic(s, t.country, f"facing {t.text!r}")


def _text_words(a: Actor) -> set[str]:
    return set(a.text.lower().replace("(", " ").split())


def _foreign(a: Actor) -> bool:
    return bool(FOREIGN_WORDS & _text_words(a))


def _polity(a: Actor, country: str, code: str) -> Actor:
    """`country` itself as the party an act on its own polity is done to (see
    data/cameo/polity.tsv); `a` is the unplaced party named, or the doer when none is."""
    return replace(a, code=country, country=country, sector=None, kb_id=None,
                   how=f"the polity of {country}: act {code} on its own polity, no other "
                       f"country named")


def _rank(m: Match) -> tuple[int, int]:
    return m.object_words, -(m.obj.i if m.obj is not None else 0)


class _VerbSlots:
    """A verb's objects, prepositional objects and complements, read once per verb and
    shared by every lexicon pattern tried on it."""

    def __init__(self, v: Token):
        self.v = v
        self._objects: list[Token] | None = None
        self._preps: dict[frozenset[str], list[Token]] = {}
        self._keys: dict[int, set[str]] = {}
        self._all_keys: set[str] | None = None
        self._object_keys: set[str] | None = None
        self._xcomps: list[Token] | None = None
        self._xcomp_objects: list[Token] | None = None
        self._predicates: list[tuple[Token, str]] | None = None

    @property
    def xcomps(self) -> list[Token]:
        if self._xcomps is None:
            self._xcomps = [c for c in children(self.v) if c.dep == g.XCOMP
                            or g.for_to_clause(c) or g.infinitive_clause(c)]
        return self._xcomps

    @property
    def predicates(self) -> list[tuple[Token, str]]:
        """Clauses that say what someone is, with the adjective: "found [the minister
        guilty]" (guilty), "ruled that [Iran was liable]" (liable)."""
        if self._predicates is None:
            self._predicates = []
            for c in children(self.v):
                if c.dep != g.CCOMP or not any(k.dep == g.NSUBJ for k in children(c)):
                    continue
                adjectives = [c] if c.pos == POS_ADJ else \
                    [k for k in children(c) if k.dep == g.ACOMP] if c.lemma_ == "be" else []
                self._predicates += [(c, a.lemma_.lower()) for a in adjectives
                                     if not g.has_neg(c) and not g.has_neg(a)]  # "not guilty"
        return self._predicates

    @property
    def doers(self) -> list[Token]:
        """The subject nouns, and what a noun of number counts ("thousands of [farmers]")."""
        v = self.v
        heads = g.passive_agents(v) if g.is_passive(v) else g.subjects(v)
        said = g.reported(v) if any(h.pos_ == "PRON" for h in heads) else None
        if said is not None:  # "farmers said [they] would blockade Paris"
            heads = heads + g.subjects(said)
        return heads + [n for h in heads if h.lemma_.lower() in COUNT_NOUNS
                        or h.lemma_.lower() in g.QUANTITY_NOUNS
                        for _, n in g.prep_objects(h, ("of",))]

    @property
    def xcomp_objects(self) -> list[Token]:
        """The complements' objects and prepositional objects, then the verb's objects."""
        if self._xcomp_objects is None:
            self._xcomp_objects = [o for c in self.xcomps for o in g.direct_objects(c)] \
                + [n for c in self.xcomps for _, n in g.prep_objects(c)] + self.objects
        return self._xcomp_objects

    @property
    def objects(self) -> list[Token]:
        if self._objects is None:
            v = self.v
            self._objects = g.direct_objects(v) + (g.passive_targets(v) if g.is_passive(v)
                                                   else [])
        return self._objects

    @property
    def all_keys(self) -> set[str]:
        """Lexicon keys of every noun the verb governs, directly or through a preposition."""
        if self._all_keys is None:
            nouns = self.objects + [n for _, n in g.prep_objects(self.v)] \
                + [n for o in g.direct_objects(self.v) for _, n in g.prep_objects(o)] \
                + [o for c in self.xcomps for o in g.direct_objects(c)] \
                + [n for c in self.xcomps for _, n in g.prep_objects(c)]
            self._all_keys = set().union(*(self.keys(n) for n in nouns))
        return self._all_keys

    @property
    def object_keys(self) -> set[str]:
        """Lexicon keys of the verb's direct objects (and passive subjects)."""
        if self._object_keys is None:
            self._object_keys = set().union(*(self.keys(n) for n in self.objects))
        return self._object_keys

    def prep_objects(self, preps: frozenset[str]) -> list[Token]:
        """Nouns of the verb's `preps` phrases, also where the parser hung the phrase on
        the direct object ("accused [the minister of corruption]")."""
        if preps not in self._preps:
            found = [n for _, n in g.prep_objects(self.v, preps)]
            for o in g.direct_objects(self.v):
                found += [n for _, n in g.prep_objects(o, preps)]
            self._preps[preps] = found
        return self._preps[preps]

    def keys(self, n: Token) -> set[str]:
        if n.i not in self._keys:
            self._keys[n.i] = g.noun_keys(n)
        return self._keys[n.i]


def _has_particle(v: Token, word: str) -> bool:
    """The parser labels particles prt, advmod or prep ("stepped down", "pulled out of"),
    and an adjective particle right after the verb anything ("let [free]", ccomp)."""
    word_id = string_id(word)
    return any((c.dep in (g.PRT, g.ADVMOD, g.PREP) and c.i > v.i
                or c.i == v.i + 1 and c.pos == POS_ADJ) and c.lower == word_id
               for c in children(v))


def _withdrawal(code: str) -> bool:
    """Is `code` a withdrawal (of forces, staff or agencies: 0874, 166x)?"""
    return code[:4] in WITHDRAWAL_CODES or code[:3] in WITHDRAWAL_CODES


def _other_person(a: Actor, sources: list[Actor]) -> bool:
    """Is `a` a person the knowledge names who is none of the doers, though of the same
    country and sector ("Prime Minister Yilmaz accused his predecessor [Tansu Ciller]")?"""
    how = a.how or ""
    return a.kb_id is not None and ("person '" in how) and not how.startswith("possessive") \
        and all(a.kb_id != s.kb_id and a.text not in s.text and s.text not in a.text
                for s in sources)


def _actor_key(a: Actor | None) -> str | None:
    if a is None:
        return None
    return a.code or a.text.lower()


def _same(a: Actor, b: Actor) -> bool:
    """The same party (not two named people of one country and sector)."""
    return _actor_key(a) == _actor_key(b) and not (_other_person(a, [b])
                                                   or _other_person(b, [a]))


def _known(a: Actor | None) -> bool:
    return a is not None and (a.country is not None or a.sector is not None)


def _shared_targets(events: list[Event], triggers: dict[int, Token]) -> list[Event]:
    """A coordinated demand, rejection or threat without a target takes the target of its
    first conjunct's act by the same source ("announced [a suspension of aid to Guatemala]
    and [threatened] to withdraw trade preferences": Guatemala is threatened)."""
    out = []
    for e in events:
        v = triggers.get(id(e))
        if not _known(e.target) and e.source is not None and v is not None and v.dep == g.CONJ \
                and e.cameo_root in CONJUNCT_TARGET_ROOTS and v.head.pos in VERBAL_POS \
                and "nominal" not in e.flags:
            first = v.head
            shared = next((o.target for o in events if o.target is not None
                           and o is not e and _same(o.source, e.source)
                           and (t := triggers.get(id(o))) is not None
                           and (t.i == first.i or (t.head.i == first.i and t.dep == g.DOBJ))),
                          None)
            if shared is not None:
                e = replace(e, target=shared, flags=[*e.flags, "target of the first conjunct"])
        out.append(e)
    return out


def _warned_threats(events: list[Event], triggers: dict[int, Token]) -> list[Event]:
    """"China warned [Taiwan] that its forces stood ready to take military action": the
    threat the warning says is made to whom it warns, and is the one event (its code is more
    specific than the warning's 130)."""
    warnings: dict[int, list[Event]] = {}
    for e in events:
        if e.cameo == "130" and e.source is not None \
                and (t := triggers.get(id(e))) is not None:
            warnings.setdefault(t.i, []).append(e)
    if not warnings:
        return events
    out, merged = [], set()
    for e in events:
        v = triggers.get(id(e))
        ws: list[Event] = []
        if e.cameo_root == "13" and e.cameo != "130" and v is not None and e.source is not None:
            # (the warning governs the clause, or follows it: "Norway will suspend its role
            # ..., the minister [warned]")
            said = g.reported(v)
            ws = next((same for h in (*v.ancestors, *([said] if said is not None else []))
                       if h.i in warnings
                       and (same := [w for w in warnings[h.i]
                                     if w.source.country == e.source.country])), [])
        if ws:
            merged.update(id(w) for w in ws)
            w = ws[0]
            if w.source.sector and not e.source.sector:
                e = replace(e, source=w.source)  # the state's threat, said by its government
            if w.target is not None and (e.target is None or not e.target.country):
                e = replace(e, target=w.target,
                            flags=[*e.flags, f"threat in a warning ({w.rule})"])
        out.append(e)
    return [e for e in out if id(e) not in merged]


def _is_state(a: Actor) -> bool:
    """Does `a` stand for a state or its government ("China", "Beijing", "the Chinese
    government"), not for its people ("Iranians")?"""
    return bool(a.country) and (a.sector == "GOV" or a.sector is None and not (
        a.how or "").startswith(("demonym", "adjective")))


def _is_place(a: Actor) -> bool:
    """Is `a` named as a place ("Tehran", "Hong Kong"), not as an institution there ("the U.S.
    embassy")?"""
    how = a.how or ""
    return how.startswith(PLACE_HOWS) and "+ agent" not in how


def _unknown_name(a: Actor) -> bool:
    """A proper name the knowledge base does not know: somebody, of no known country."""
    return (a.how or "").startswith("unknown name")


def _in_other_clause(v: Token, tok: Token) -> bool:
    """Is `tok` inside a clause with its own subject below `v` ("said that X ..."), or in
    the attribution of the report ("according to the Canadian Press")?"""
    while tok.i != v.i and tok.head.i != tok.i:
        if tok.dep in (g.CCOMP, g.ADVCL, g.RELCL, g.CONJ) and any(
                c.dep in g.SUBJECT_DEPS_IDS for c in children(tok)):
            return True
        if tok.lower_ == "according" and tok.dep == g.PREP:
            return True
        if tok.dep == g.ACL and tok.lemma_.lower() in ALLEGING_PARTICIPLES:
            return True  # what a party is accused of: "three men [accused of spying for X]"
        tok = tok.head
    return False
