"""French words that name happenings: event verbs with the title they give, event nouns.

The French counterpart of ``lexicon``, read by ``mentions_fr``. Data only, and the small
conjugator that turns each verb into the forms news prose uses (future, present, imperfect,
participle, infinitive, conditional). Each verb and noun also carries the English word the
shared event rules know it by ("arriver" -> "arrive", "réunion" -> "meeting"), so that the
rules of ``events`` (an arrival anchors "après son arrivée", "scrutin" and "élection" are one
vote on one day, categories) work on French mentions unchanged.
"""

from __future__ import annotations

from functools import cache

#: lemma -> (title template, prepositions it takes before its object, English lemma).
#: ``{obj}`` is the object; ``{prep}`` the preposition as written ("Visite au cimetière",
#: "Arrivée en Allemagne"). A template of None: the object names the happening itself
#: ("participer à une conférence sur la Libye" -> "Conférence sur la Libye").
VERBS: dict[str, tuple[str | None, tuple[str, ...], str]] = {
    "rendre": ("Visite {prep} {obj}", ("à", "au", "aux", "en", "chez", "dans"), "visit"),
    "déplacer": ("Déplacement {prep} {obj}", ("à", "au", "aux", "en", "dans"), "visit"),
    "aller": ("Visite {prep} {obj}", ("à", "au", "aux", "en", "chez", "dans"), "visit"),
    "voyager": ("Voyage {prep} {obj}", ("à", "au", "aux", "en", "dans"), "travel"),
    "visiter": ("Visite de {obj}", (), "visit"),
    "recevoir": ("Réception de {obj}", (), "receive"),
    "accueillir": ("Accueil de {obj}", (), "host"),
    "entretenir": ("Entretien avec {obj}", ("avec",), "talk"),
    "rencontrer": ("Rencontre avec {obj}", (), "meet"),
    "retrouver": ("Rencontre avec {obj}", (), "meet"),
    "réunir": ("Réunion de {obj}", (), "meet"),
    "joindre": ("Rencontre avec {obj}", ("à", "au", "aux"), "join"),
    "rejoindre": ("Rencontre avec {obj}", (), "join"),
    "échanger": ("Échange avec {obj}", ("avec",), "talk"),
    "discuter": ("Discussion avec {obj}", ("avec",), "talk"),
    "participer": (None, ("à", "au", "aux"), "participate"),
    "prendre": (None, ("part à", "part au", "part aux"), "participate"),
    "assister": (None, ("à", "au", "aux"), "attend"),
    "présider": (None, (), "chair"),
    "prononcer": (None, (), "deliver"),
    "donner": (None, (), "give"),
    "tenir": (None, (), "hold"),
    "organiser": (None, (), "organise"),
    "disputer": (None, (), "play"),
    "arriver": ("Arrivée {prep} {obj}", ("à", "au", "aux", "en", "dans"), "arrive"),
    # "foulera le sol ivoirien": the press's arrival
    "fouler": ("Arrivée sur le sol {obj}", ("le sol",), "arrive"),
    "atterrir": ("Arrivée {prep} {obj}", ("à", "au", "aux", "en", "dans"), "land"),
    "quitter": ("Départ de {obj}", (), "leave"),
    "partir": ("Départ {prep} {obj}", ("pour", "vers", "à", "au", "aux", "en", "de", "du", "des"),
               "depart"),
    "repartir": ("Départ {prep} {obj}", ("pour", "vers", "à", "au", "aux", "en"), "depart"),
    "envoler": ("Départ {prep} {obj}", ("pour", "vers", "à", "au", "aux", "en"), "depart"),
    "regagner": ("Retour à {obj}", (), "return"),
    "rentrer": ("Retour {prep} {obj}", ("à", "au", "aux", "en", "dans"), "return"),
    "revenir": ("Retour {prep} {obj}", ("à", "au", "aux", "en", "dans"), "return"),
    "inaugurer": ("Inauguration de {obj}", (), "inaugurate"),
    "remettre": ("Remise de {obj}", (), "hand over"),
    "proclamer": ("Proclamation de {obj}", (), "announce"),
    "publier": ("Publication de {obj}", (), "publish"),
    "transmettre": ("Transmission de {obj}", (), "hand over"),
    "ouvrir": ("Ouverture de {obj}", (), "open"),
    "rouvrir": ("Réouverture de {obj}", (), "reopen"),
    "signer": ("Signature de {obj}", (), "sign"),
    "lancer": ("Lancement de {obj}", (), "launch"),
    "présenter": ("Présentation de {obj}", (), "present"),
    "dévoiler": ("Dévoilement de {obj}", (), "unveil"),
    "célébrer": ("Célébration de {obj}", (), "celebrate"),
    "fêter": ("Célébration de {obj}", (), "celebrate"),
    "commémorer": ("Commémoration de {obj}", (), "commemorate"),
    "honorer": ("Hommage à {obj}", (), "honour"),
    "dîner": ("Dîner avec {obj}", ("avec",), "dine"),
    "déjeuner": ("Déjeuner avec {obj}", ("avec",), "dine"),
    "affronter": ("Match contre {obj}", (), "face"),
    "jouer": ("Match contre {obj}", ("contre", "face à", "face au"), "play"),
    "défiler": ("Défilé", (), "march"),
    "manifester": ("Manifestation", (), "protest"),
    "voter": ("Vote sur {obj}", ("sur", "pour"), "vote"),
    "débattre": ("Débat sur {obj}", ("de", "du", "des", "sur"), "debate"),
    "comparaître": ("Comparution de {obj}", (), "testify"),
    "témoigner": ("Témoignage devant {obj}", ("devant",), "testify"),
    "juger": ("Procès de {obj}", (), "hear"),
    "adresser": ("Discours devant {obj}", ("à", "au", "aux", "devant"), "address"),
    "exprimer": ("Discours devant {obj}", ("devant",), "speak"),
}

#: Verbs that name a happening only as reflexives ("se rendre", "s'entretenir"): "rendre un
#: avis", "tenir parole" name none.
REFLEXIVE = frozenset({"rendre", "déplacer", "entretenir", "joindre", "adresser", "exprimer",
                       "envoler"})
#: Verbs that name a happening only with a preposition after them ("prendre part à", "jouer
#: contre", "échanger avec").
NEEDS_PREPOSITION = frozenset({"prendre", "jouer", "échanger", "discuter", "aller", "voyager",
                               "rentrer", "revenir", "adresser", "exprimer", "entretenir",
                               "joindre", "fouler"})
#: Verbs whose object, an event noun, is the happening ("tiendra une conférence de presse");
#: with any other object they name nothing ("donnera son accord").
NEEDS_EVENT_OBJECT = frozenset({"présider", "prononcer", "donner", "tenir", "organiser",
                                "disputer"})
#: Verbs whose subject is the happening when they have no object ("les syndicats manifesteront
#: samedi" is a protest by the unions, "le Conseil se réunira lundi" a meeting of the Council).
SUBJECT_VERBS = frozenset({"réunir", "défiler", "manifester", "voter", "comparaître", "juger",
                           "ouvrir", "rouvrir"})
#: Verbs of moving somewhere: the place is the object ("arrivera à Paris").
MOVES = frozenset({"rendre", "déplacer", "aller", "voyager", "visiter", "arriver", "atterrir",
                   "partir", "repartir", "envoler", "regagner", "rentrer", "revenir", "quitter"})
#: Verbs of meeting someone: an event noun after them is what they meet for ("se joindra à
#: Emmanuel Macron pour un dîner" -> "Dîner avec Emmanuel Macron").
MEET_LIKE = frozenset({"rencontrer", "retrouver", "joindre", "rejoindre", "recevoir",
                       "accueillir", "entretenir", "échanger", "discuter", "dîner", "déjeuner"})

#: Irregular verbs: lemma -> (future stem, present 3sg, present 3pl, past participle,
#: imperfect stem). Regular "-er" and "-ir" (finir) verbs are conjugated by rule.
IRREGULAR: dict[str, tuple[str, str, str, str, str]] = {
    "rendre": ("rendr", "rend", "rendent", "rendu", "rend"),
    "recevoir": ("recevr", "reçoit", "reçoivent", "reçu", "recev"),
    "entretenir": ("entretiendr", "entretient", "entretiennent", "entretenu", "entreten"),
    "accueillir": ("accueiller", "accueille", "accueillent", "accueilli", "accueill"),
    "ouvrir": ("ouvrir", "ouvre", "ouvrent", "ouvert", "ouvr"),
    "rouvrir": ("rouvrir", "rouvre", "rouvrent", "rouvert", "rouvr"),
    "partir": ("partir", "part", "partent", "parti", "part"),
    "repartir": ("repartir", "repart", "repartent", "reparti", "repart"),
    "remettre": ("remettr", "remet", "remettent", "remis", "remett"),
    "transmettre": ("transmettr", "transmet", "transmettent", "transmis", "transmett"),
    "revenir": ("reviendr", "revient", "reviennent", "revenu", "reven"),
    "tenir": ("tiendr", "tient", "tiennent", "tenu", "ten"),
    "prendre": ("prendr", "prend", "prennent", "pris", "pren"),
    "joindre": ("joindr", "joint", "joignent", "joint", "joign"),
    "rejoindre": ("rejoindr", "rejoint", "rejoignent", "rejoint", "rejoign"),
    # "va", "vont" are the near future's auxiliary, not a trip: only "ira", "aller", "allé"
    "aller": ("ir", "", "", "allé", "all"),
    "comparaître": ("comparaîtr", "comparaît", "comparaissent", "comparu", "comparaiss"),
    "débattre": ("débattr", "débat", "débattent", "débattu", "débatt"),
}
#: Second-group verbs ("réunir": "réunira", "réunissent").
SECOND_GROUP = frozenset({"réunir", "atterrir"})


def _pairs(table: str) -> dict[str, str]:
    """A table written "word english, word english, ..." -> {word: english}."""
    return dict(pair.split() for pair in table.replace("\n", " ").split(",") if pair.strip())


#: Event nouns -> the English head the shared rules know ("grève" -> "strike").
NOUNS: dict[str, str] = _pairs("""
    visite visit, voyage trip, déplacement trip, tournée tour, réunion meeting,
    rencontre meeting, entretien talks, entrevue meeting, sommet summit,
    conférence conference, forum forum, congrès congress, colloque conference,
    séminaire seminar, assemblée assembly, cérémonie ceremony, commémoration commemoration,
    hommage ceremony, dîner dinner, déjeuner lunch, réception reception, discours speech,
    allocution speech, grève strike, débrayage strike, manifestation protest,
    rassemblement rally, marche march, défilé parade, match match, finale final,
    demi-finale final, course race, marathon marathon, tournoi tournament,
    championnat championship, derby match, classique match, élection election,
    élections elections, scrutin vote, vote vote, référendum referendum, primaire primary,
    présidentielle election, législatives election, municipales election,
    européennes election, festival festival, concert concert, spectacle performance,
    exposition exhibition, salon fair, foire fair, fête celebration,
    célébration celebration, inauguration inauguration, ouverture opening,
    lancement launch, signature signing, procès trial, audience hearing,
    comparution hearing, débat debate, séance session, session session, messe mass,
    obsèques funeral, funérailles funeral, mariage wedding, couronnement coronation,
    vernissage opening, projection screening, représentation performance, veillée vigil,
    procession procession, pèlerinage procession, carnaval carnival, gala gala,
    kermesse fete, braderie fair, négociations negotiations, pourparlers talks,
    consultations consultations, atelier workshop, compétition tournament,
    arrivée arrival, départ departure, retour return, conseil meeting, feu fireworks,
    feux fireworks, bal gala, journée event, cortège march, marché fair, diner dinner,
    honneurs ceremony, atterrissage arrival, prière prayer, prières prayers,
    déclaration remarks, animations event, parade parade, remise ceremony""")

#: Nouns that name a happening only with a complement: "conseil des ministres" (not "le
#: conseil municipal a voté"), "feu d'artifice", "journée portes ouvertes".
NOUN_NEEDS: dict[str, tuple[str, ...]] = {
    "conseil": ("des ministres", "européen", "de sécurité"),
    "déclaration": ("de presse", "commune", "conjointe", "à la presse"),
    "remise": ("des prix", "de prix", "des diplômes", "des trophées", "des médailles"),
    "feu": ("d'artifice", "d’artifice"), "feux": ("d'artifice", "d’artifice"),
    "journée": ("portes ouvertes", "de mobilisation", "d'action", "d’action", "de grève"),
    "course": ("cycliste", "à pied", "de", "du"),
    "marche": ("blanche", "pour", "contre", "de", "des", "du"),
    "salon": ("de", "du", "des", "international"),
    "séance": ("plénière", "publique", "de", "des", "du"),
    "audience": ("publique", "devant", "au", "du", "de"),
    "fête": ("de", "du", "des", "populaire"),
    "classique": ("du football",),
    "primaire": ("de", "du", "des", "socialiste", "écologiste", "républicaine"),
    "bal": ("du", "des", "populaire"),
    "ouverture": ("du", "de", "des", "officielle"),
    "honneurs": ("militaires", "protocolaires", "officiels"),
    "marché": ("de noël", "de Noël", "aux puces", "nocturne", "des producteurs", "de Pâques"),
}

#: Verb groups whose subject is the happening: "Le sommet aura lieu ...", "La cérémonie se
#: tiendra ...", "La grève débutera ...".
HAPPENS = tuple(f"{aux} lieu" for aux in ("aura", "auront", "a", "ont", "a eu", "ont eu",
                                           "avait", "avaient")) + tuple(
    f"se {verb}" for verb in """tiendra tiendront tient tiennent déroulera dérouleront déroule
    déroulent jouera joueront joue jouent disputera disputeront poursuivra poursuivront
    """.split()) + tuple(f"s'{verb}" for verb in "ouvrira ouvriront ouvre ouvrent".split()) + tuple(
    """débutera débuteront débute débutent commencera commenceront commence commencent
    démarrera démarreront démarre démarrent reprendra reprendront""".split()) + tuple(
    f"{aux} {verb}" for aux in ("doit", "doivent", "devrait", "devraient", "va", "vont")
    for verb in ("avoir lieu", "se tenir", "se dérouler", "débuter", "commencer", "démarrer",
                 "se jouer", "reprendre"))
#: Words that move a happening: the date after "au" or "à" replaces the one given before
#: ("initialement prévu le 5 mars, est reporté au 12 mars")
RESCHEDULE = tuple(f"{verb}{ending} {to}" for verb in ("reporté", "repoussé", "avancé", "décalé")
                   for ending in ("", "e", "s", "es") for to in ("au", "à"))
#: Participles that say a happening is arranged: "est prévu", "sera organisée".
ARRANGED = ("prévu", "programmé", "organisé", "fixé", "maintenu", "convoqué")
#: Words of a clause that only supposes, or of a happening called off: no event.
HEDGES = ("pourrait", "pourraient", "peut-être", "éventuellement", "envisage", "envisagent",
          "envisagé", "envisagée", "n'est pas exclu", "annulé", "annulée", "annulés",
          "annulées", "annulation", "sine die")
#: Words of a clause that sets a condition: its day is hypothetical ("En cas de pluie, le feu
#: d'artifice sera tiré dimanche"), but not the other clauses' of its sentence
CONDITIONS = ("en cas de", "le cas échéant", "si nécessaire", "si besoin")

#: The English noun an anchor names ("après son arrivée" -> "arrival"): ``events`` finds the
#: arrival by its verb's English lemma.
ANCHOR_NOUNS = {"arrivée": "arrival", "départ": "departure", "retour": "return",
                "atterrissage": "landing"}

#: Verbs reporting speech, in the forms that introduce "que ...": the clause after "que" is
#: the one that may name a happening.
REPORTING = frozenset(
    """dit disent déclaré déclare déclarent annoncé annonce annoncent indiqué indique indiquent
    précisé précise précisent expliqué explique expliquent affirmé affirme affirment ajouté
    ajoute ajoutent souligné souligne soulignent assuré assure assurent confirmé confirme
    confirment rappelé rappelle rappellent estimé estime estiment résumé résume confié confie
    révélé révèle écrit écrivent noté note insisté insiste averti avertit prévenu prévient
    répondu répond reconnu reconnaît fait savoir selon""".split())

#: Words before a noun that keep it from naming a happening's place or name: determiners.
DETERMINERS = frozenset(
    """le la les l' l’ un une des du de d' d’ ce cet cette ces son sa ses leur leurs notre
    nos votre vos mon ma mes quel quelle chaque tout toute tous toutes aucun aucune""".split())
#: Function words left out of a title's words (what merging compares).
STOPWORDS = frozenset(
    """le la les l un une des du de d au aux à en et ou sur sous pour par avec dans chez
    entre vers ce cet cette ces son sa ses leur leurs notre nos autres autre d'autres
    d’autres plus très""".split())
#: Words that end an object's phrase: relatives, conjunctions, adjuncts.
PHRASE_STOPS = frozenset(
    """qui que qu' qu’ où dont lorsque lorsqu' lorsqu’ quand tandis alors avant après
    pendant lors afin puis mais ou ainsi comme depuis dès jusqu' jusqu’ selon car donc
    notamment malgré parmi hormis sauf contre-""".split())

#: Words between a verb and what follows it that say nothing of the happening.
ADVERBS = frozenset(
    """ensuite aussi également notamment alors enfin d'abord d’abord personnellement bientôt
    encore même déjà officiellement brièvement longuement y en puis donc""".split())


#: What a form tells: "inf" infinitive, "fut" future (and conditional), "pres" present,
#: "pp" past participle, "imp" imperfect or simple past, "ger" present participle.
Form = tuple[str, str]


def _regular(lemma: str) -> list[Form]:
    """The forms of a regular "-er" verb ("prononcer" -> "prononcera", "prononçait")."""
    stem = lemma[:-2]
    soft = stem[:-1] + "ç" if stem.endswith("c") else stem + "e" if stem.endswith("g") else stem
    i = stem.rfind("é")
    # "célébrer" -> "célèbre": the last "é" before the final consonants opens
    grave = stem[:i] + "è" + stem[i + 1:] if 0 < i >= len(stem) - 3 and not any(
        c in "aeiouyéèê" for c in stem[i + 1:]) else stem
    return [(lemma, "inf"), (stem + "era", "fut"), (stem + "eront", "fut"),
            (stem + "erait", "fut"), (stem + "eraient", "fut"), (grave + "e", "pres"),
            (grave + "ent", "pres"), (stem + "é", "pp"), (stem + "ée", "pp"),
            (stem + "és", "pp"), (stem + "ées", "pp"), (soft + "ait", "imp"),
            (soft + "aient", "imp"), (soft + "ant", "ger"), (soft + "a", "imp"),
            (stem + "èrent", "imp")]


def _second(lemma: str) -> list[Form]:
    """The forms of a second-group verb ("réunir" -> "réunira", "réunissent")."""
    stem = lemma[:-2]
    return [(lemma, "inf"), (stem + "ira", "fut"), (stem + "iront", "fut"),
            (stem + "irait", "fut"), (stem + "iraient", "fut"), (stem + "it", "pres"),
            (stem + "issent", "pres"), (stem + "i", "pp"), (stem + "ie", "pp"),
            (stem + "is", "pp"), (stem + "ies", "pp"), (stem + "issait", "imp"),
            (stem + "issaient", "imp"), (stem + "issant", "ger")]


def _irregular(lemma: str) -> list[Form]:
    future, present, present_pl, participle, imperfect = IRREGULAR[lemma]
    out = [(lemma, "inf"), (future + "a", "fut"), (future + "ont", "fut"),
           (future + "ait", "fut"), (future + "aient", "fut"), (imperfect + "ait", "imp"),
           (imperfect + "aient", "imp"), (imperfect + "ant", "ger")]
    out += [(f, "pres") for f in (present, present_pl) if f]
    plural = participle if participle.endswith("s") else participle + "s"
    out += [(participle, "pp"), (participle + "e", "pp"), (plural, "pp"),
            (participle + "es", "pp")]
    return out


@cache
def forms() -> dict[str, Form]:
    """Every form of the event verbs -> (its lemma, what the form tells), built on first use.

    A present form that is also a participle ("joint", "part") counts as the present.
    """
    out: dict[str, Form] = {}
    for lemma in VERBS:
        if lemma in IRREGULAR:
            made = _irregular(lemma)
        elif lemma in SECOND_GROUP:
            made = _second(lemma)
        else:
            made = _regular(lemma)
        for form, kind in made:
            out.setdefault(form, (lemma, kind))
    for form, entry in list(out.items()):
        plain = form.translate(_CIRCUMFLEX)
        if plain != form:
            out.setdefault(plain, entry)  # "dinera": the press drops the circumflex too
    return out


_CIRCUMFLEX = str.maketrans("îâêôû", "iaeou")


#: Heads (as ``EVENT_NOUNS`` gives them: "grève" -> "strike") of happenings that a calendar
#: lists day by day: "une grève ... Suivront les 8 et 9 avril, 13 et 14": each listed pair of
#: days is one more strike
CALENDAR_HEADS = frozenset({"strike", "protest", "rally", "march"})
