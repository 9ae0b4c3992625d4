"""The depth grading's word lists, per language (English, French, German, Spanish).

Each list holds phrases as a writer types them; ``depth.py`` folds them like the text it reads
(lower case, accents and curly apostrophes removed, split into words at anything that is not a
letter or digit), so "peut-être" matches "peut etre" and "I’ll" matches "i ll". A word ending
in ``*`` matches every word that starts with it ("frustrat*": frustrated, frustration). The
lists are stated in full in docs/depth.md, which says why each kind counts.
"""

from __future__ import annotations

from dataclasses import dataclass

_WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS_EN = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip


@dataclass(frozen=True)
class MarkerLists:
    """One language's phrases for each kind of marker (docs/depth.md, "The markers")."""

    analysis: tuple[str, ...]  # first-person analysis: the writer stepping back
    causes: tuple[str, ...]
    alternatives: tuple[str, ...]
    feelings: tuple[str, ...]
    evidence: tuple[str, ...]  # feedback, a mentor, research, guidance, a source
    intent: tuple[str, ...]  # a future action announced ("I will", "je vais")
    when: tuple[str, ...]  # when it will happen (any number counts too)
    vague: tuple[str, ...]  # an intention with no action in it ("try harder")
    context: tuple[str, ...]  # critical: the wider, social or institutional context
    ethics: tuple[str, ...]  # critical: values, fairness, ethics
    assumptions: tuple[str, ...]  # critical: assumptions named or questioned
    perspective: tuple[str, ...]  # critical: another or a changed point of view
    headings: tuple[tuple[str, str], ...] = ()  # a model heading in this language → English
    intent_pattern: str = ""  # a regular expression over folded words, for future tenses


# The lists are packed many to a line, so that they read as lists.
# fmt: off
ENGLISH = MarkerLists(
    analysis=(
        "I think", "I thought", "I believe", "I realise", "I realize", "I realised", "I realized",
        "I noticed", "I notice", "I wonder", "I wondered", "I suspect", "I learned", "I learnt",
        "I've learned", "I have learned", "I understand", "I understood", "I can see", "I now see",
        "it seems", "it seemed", "looking back", "on reflection", "in hindsight", "I'm not sure",
        "I am not sure", "I wasn't sure", "I was not sure", "it struck me", "I recognise",
        "I recognize", "my sense is", "I doubt", "I asked myself", "it occurs to me",
        "it occurred to me", "when I compare", "I can see a pattern", "the real issue",
        "what I take from", "I conclude", "I concluded", "I guess", "I'm beginning to see",
        "I am beginning to see",
    ),
    causes=(
        "because", "cause", "caused", "causes", "the reason", "reasons", "due to", "led to",
        "leads to", "as a result", "therefore", "that is why", "that's why", "which meant",
        "this meant", "so that", "resulted in", "the result of", "explains", "owing to",
        "the problem was", "the problem is", "contributed to", "triggered",
    ),
    alternatives=(
        "perhaps", "maybe", "on the other hand", "could have", "could've", "might have",
        "might've", "should have", "should've", "would have", "would've", "instead",
        "alternatively", "if I had", "if I'd", "another way", "another option", "other options",
        "whereas", "however", "although", "possibly", "what if", "differently", "rather than",
        "in contrast", "on balance", "it may be", "might be", "could be", "unless",
    ),
    feelings=(
        "felt", "feel*", "anxious", "anxiety", "nervous*", "frustrat*", "embarrass*", "proud",
        "pride", "relief", "relieved", "worried", "worry", "worrying", "upset", "angry", "anger",
        "annoyed", "irritat*", "ashamed", "shame", "uncomfortable", "discomfort", "overwhelm*",
        "disappoint*", "happy", "pleased", "glad", "stress*", "defensive", "scared", "afraid",
        "fear*", "frightened", "guilt*", "hurt", "sad", "sadness", "excited", "confident",
        "confidence", "insecure", "inadequate", "panic*", "tense", "delighted", "hopeful",
        "helpless", "awkward", "uneasy", "dread*", "exhausted", "emotion*", "furious", "humiliat*",
        "vulnerable", "satisfied", "satisfaction", "calm",
    ),
    evidence=(
        "feedback", "mentor", "tutor", "supervisor", "coach", "observer", "observation",
        "appraisal", "research", "evidence", "data", "study", "studies", "article", "literature",
        "according to", "guidance", "pointed out", "suggested", "advised", "told me", "comments",
        "results", "survey", "theory",
    ),
    intent=(
        "I will", "I'll", "I am going to", "I'm going to", "I plan to", "I'm planning to",
        "I am planning to", "I intend to", "I want to", "I'd like to", "I would like to",
        "I need to", "I must", "I have to", "I shall", "I should", "my plan is", "my next step",
        "the plan is", "I aim to", "I mean to", "I hope to", "I'm determined to", "I commit to",
        "I have decided to", "I've decided to",
    ),
    when=(
        "tomorrow", "tonight", "next week", "next lesson", "next time", "next term", "next month",
        "next session", "next meeting", "this week", "this afternoon", "this evening",
        "from now on", "before", "every", "each", "at the start", "at the end", "first thing",
        "by the end", "within", *_WEEKDAYS_EN, *_MONTHS_EN,
    ),
    vague=(
        "try harder", "do better", "be better", "improve", "work on it", "work on this",
        "be more careful", "keep trying", "think about it", "see what happens", "my best",
    ),
    context=(
        "society", "social", "socially", "culture", "cultural", "community", "communities",
        "policy", "policies", "institution*", "system", "systemic", "structural", "political",
        "politics", "inequalit*", "disadvantage*", "poverty", "privilege*", "gender", "race",
        "racism", "ethnicity", "backgrounds", "power", "wider", "accountability",
    ),
    ethics=(
        "ethic*", "moral*", "fair", "unfair", "fairness", "justice", "injustice", "equity",
        "equitable", "the right thing", "my values", "values", "dignity", "integrity", "inclusion",
        "inclusive",
    ),
    assumptions=(
        "assum*", "took for granted", "taken for granted", "take for granted", "bias", "biased",
        "prejudice*", "stereotyp*", "presuppos*", "preconception*", "my expectations",
    ),
    perspective=(
        "I used to think", "I used to believe", "changed my mind", "my view has changed",
        "I see it differently", "I now believe", "I was wrong", "rethink*", "reconsider*",
        "their point of view", "point of view", "perspective*", "in their shoes",
        "whose interests", "who benefits", "challenged my", "questioned my",
    ),
)

FRENCH = MarkerLists(
    analysis=(
        "je pense", "je crois", "je me rends compte", "je réalise", "j'ai réalisé", "j'ai compris",
        "je comprends", "j'ai remarqué", "je remarque", "je me demande", "je me suis demandé",
        "je soupçonne", "j'ai appris", "il me semble", "il semble", "avec le recul",
        "en y repensant", "rétrospectivement", "à la réflexion", "je constate", "j'ai constaté",
        "je ne suis pas sûr", "je ne suis pas sûre", "je ne suis pas certain", "je m'aperçois",
        "je me suis aperçu", "je suppose", "j'en conclus", "je conclus", "je doute",
    ),
    causes=(
        "parce que", "parce qu", "car", "à cause", "en raison", "donc", "c'est pourquoi",
        "c'est pour ça", "la raison", "raisons", "du fait", "grâce à", "entraîné", "provoqué",
        "explique", "si bien que", "par conséquent", "puisque", "faute de", "le problème était",
        "le problème est", "a conduit à",
    ),
    alternatives=(
        "peut-être", "j'aurais pu", "j'aurais dû", "aurait pu", "aurait dû", "au lieu de",
        "plutôt", "sinon", "d'un autre côté", "en revanche", "par contre", "cependant", "pourtant",
        "toutefois", "alors que", "une autre façon", "autrement", "il aurait fallu", "si j'avais",
        "ou bien", "différemment", "néanmoins",
    ),
    feelings=(
        "me sentais", "me suis senti", "me suis sentie", "je me sens", "ressenti*", "sentiment*",
        "émotion*", "angoiss*", "anxi*", "nerveu*", "stress*", "frustr*", "gêné", "gênée",
        "embarrass*", "fier", "fière", "fierté", "soulag*", "inquiet*", "contrarié*", "colère",
        "agacé*", "honte", "mal à l'aise", "débordé*", "déçu*", "déception", "contente", "heureu*",
        "triste*", "peur", "coupable", "culpabil*", "confiance", "à l'aise", "vexé*", "blessé*",
        "épuisé*", "tendu*", "serein*", "ravi", "ravie",
    ),
    evidence=(
        "retour", "retours", "feedback", "commentaire*", "tuteur", "tutrice", "mentor",
        "formateur", "formatrice", "inspecteur", "inspectrice", "observation", "recherche*",
        "données", "étude*", "article", "selon", "d'après", "preuve*", "conseil*", "m'a dit",
        "m'a fait remarquer", "a souligné", "résultats", "évaluation*", "théorie",
    ),
    intent=(
        "je vais", "j'essaierai", "j'essayerai", "je compte", "je prévois", "j'ai l'intention",
        "je voudrais", "je veux", "il faut que je", "je dois", "je devrai", "mon prochain",
        "ma prochaine étape", "je m'engage", "je tâcherai", "désormais je",
    ),
    when=(
        "demain", "ce soir", "semaine prochaine", "prochaine fois", "prochain cours",
        "prochaine séance", "prochaine leçon", "cours prochain", "lundi", "mardi", "mercredi",
        "jeudi", "vendredi", "samedi", "dimanche", "désormais", "à partir de maintenant",
        "dès maintenant", "avant", "chaque", "tous les", "au début", "à la fin", "ce trimestre",
        "mois prochain", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre",
    ),
    vague=(
        "faire mieux", "essayer plus", "m'améliorer", "améliorer", "de mon mieux",
        "faire plus attention", "être plus attentif",
    ),
    context=(
        "société", "social*", "culture*", "culturel*", "communauté", "politique*", "institution*",
        "système", "systémique", "inégalit*", "défavoris*", "pauvreté", "privilég*", "genre",
        "origine*", "milieu", "milieux", "contexte", "plus large",
    ),
    ethics=(
        "éthique*", "moral*", "juste", "injuste", "équité", "équitable", "justice", "injustice",
        "mes valeurs", "valeurs", "dignité", "intégrité", "inclusion", "inclusi*",
    ),
    assumptions=(
        "présuppos*", "préjugé*", "idée reçue", "idées reçues", "hypothèse*", "j'avais supposé",
        "je tenais pour acquis", "allait de soi", "biais", "stéréotype*", "a priori",
    ),
    perspective=(
        "j'ai changé d'avis", "j'ai changé d'opinion", "je pensais que", "je croyais que",
        "je vois autrement", "je vois maintenant", "point de vue", "perspective*", "à leur place",
        "de leur côté", "remettre en question", "remis en question", "remets en question",
        "repenser", "reconsidér*",
    ),
    headings=(
        ("sentiments", "feelings"), ("évaluation", "evaluation"), ("analyse", "analysis"),
        ("plan d'action", "action plan"), ("quoi", "what"), ("et alors", "so what"),
        ("et maintenant", "now what"), ("expérience concrète", "concrete experience"),
        ("observation réflexive", "reflective observation"),
        ("conceptualisation abstraite", "abstract conceptualisation"),
        ("expérimentation active", "active experimentation"),
    ),
    # The first-person future: "je ferai", "je leur demanderai", "j'appellerai".
    intent_pattern=r"\bj(?:e)? (?:(?:le|la|les|lui|leur|en|y|me|m|ne|n) ){0,2}[a-z]{2,}rai\b",
)

GERMAN = MarkerLists(
    analysis=(
        "ich denke", "ich glaube", "ich meine", "mir ist klar geworden", "mir wurde klar",
        "ich habe gemerkt", "ich merke", "ich bemerkte", "ich habe bemerkt", "mir fiel auf",
        "mir ist aufgefallen", "ich frage mich", "ich vermute", "ich habe gelernt", "ich verstehe",
        "ich habe verstanden", "es scheint", "im Nachhinein", "rückblickend",
        "wenn ich zurückblicke", "ich bin mir nicht sicher", "ich erkenne", "ich sehe jetzt",
        "ich stelle fest", "ich schließe daraus", "ich zweifle",
    ),
    causes=(
        "weil", "denn", "deshalb", "deswegen", "daher", "darum", "aufgrund", "wegen", "der Grund",
        "die Gründe", "Ursache*", "führte zu", "führte dazu", "dazu geführt", "infolge",
        "folglich", "sodass", "so dass", "das Problem war", "lag daran", "liegt daran",
    ),
    alternatives=(
        "vielleicht", "möglicherweise", "eventuell", "vermutlich", "stattdessen", "anstatt",
        "statt", "andererseits", "auf der anderen Seite", "alternativ", "jedoch", "allerdings",
        "obwohl", "eine andere Möglichkeit", "wäre besser", "es wäre", "anders",
    ),
    feelings=(
        "fühlte", "fühle", "Gefühl*", "nervös", "Angst", "ängstlich", "frustr*", "peinlich",
        "stolz", "erleichter*", "besorgt", "Sorge*", "Ärger", "ärgerlich", "geärgert", "wütend",
        "Wut", "verärgert", "schäme", "Scham", "schämte", "unwohl", "unsicher", "überfordert",
        "enttäusch*", "glücklich", "froh", "gestresst", "Stress", "defensiv", "traurig",
        "schuldig", "aufgeregt", "zufrieden", "unzufrieden", "verletzt", "hilflos", "angespannt",
        "Emotion*", "selbstsicher", "erschöpft", "verunsichert",
    ),
    evidence=(
        "Feedback", "Rückmeldung*", "Mentor*", "Betreuer*", "Ausbilder*", "Tutor*",
        "Seminarleiter*", "Beobachtung*", "Forschung", "Studie*", "Daten", "Beleg*", "Nachweis*",
        "Literatur", "laut", "Artikel", "hat mir gesagt", "riet mir", "Hinweis*", "Kommentar*",
        "Bewertung*", "Ergebnisse", "Theorie",
    ),
    intent=(
        "ich werde", "werde ich", "ich will", "will ich", "ich möchte", "möchte ich", "ich plane",
        "ich nehme mir vor", "nehme ich mir vor", "mein nächster Schritt", "ich muss", "muss ich",
        "ich sollte", "ich habe vor", "habe ich vor", "mein Plan",
    ),
    when=(
        "morgen", "heute Abend", "nächste Woche", "nächsten Woche", "nächstes Mal", "nächsten Mal",
        "nächste Stunde", "nächsten Stunde", "ab jetzt", "ab sofort", "künftig", "zukünftig",
        "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag", "jede",
        "jeden", "jedes", "zu Beginn", "am Anfang", "am Ende", "Januar", "Februar", "März",
        "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember",
    ),
    vague=("mehr Mühe", "besser machen", "mich verbessern", "verbessern", "mein Bestes"),
    context=(
        "Gesellschaft*", "sozial*", "Kultur*", "Gemeinschaft", "Politik", "politisch*",
        "Institution*", "System*", "strukturell*", "Ungleichheit*", "benachteilig*", "Armut",
        "Privileg*", "Geschlecht*", "Herkunft", "Hintergrund", "Kontext", "Machtverhältnis*",
    ),
    ethics=(
        "Ethik", "ethisch*", "moral*", "gerecht*", "ungerecht*", "Fairness", "fair", "unfair",
        "meine Werte", "Werte", "Integrität", "Inklusion", "inklusiv*", "Chancengleichheit",
    ),
    assumptions=(
        "Annahme*", "angenommen", "Vorannahme*", "Vorurteil*", "selbstverständlich", "Stereotyp*",
        "voreingenommen*", "ich ging davon aus", "unterstellt",
    ),
    perspective=(
        "früher dachte ich", "ich dachte früher", "meine Meinung geändert", "meine Sicht",
        "sehe ich das anders", "ich sehe das jetzt anders", "Perspektive*", "Sichtweise*",
        "Blickwinkel", "aus ihrer Sicht", "aus seiner Sicht", "in Frage stellen", "infrage",
        "hinterfrag*", "umdenken",
    ),
    headings=(
        ("beschreibung", "description"), ("gefühle", "feelings"), ("bewertung", "evaluation"),
        ("analyse", "analysis"), ("schlussfolgerung", "conclusion"), ("fazit", "conclusion"),
        ("aktionsplan", "action plan"), ("handlungsplan", "action plan"), ("was", "what"),
        ("na und", "so what"), ("was nun", "now what"),
    ),
)

SPANISH = MarkerLists(
    analysis=(
        "creo", "pienso que", "me di cuenta", "me doy cuenta", "noté", "he notado", "me pregunto",
        "sospecho", "aprendí", "he aprendido", "entiendo", "comprendo", "parece", "parecía",
        "en retrospectiva", "mirando atrás", "al reflexionar", "reflexionando", "no estoy seguro",
        "no estoy segura", "reconozco", "veo que", "ahora veo", "concluyo", "me parece", "dudo",
    ),
    causes=(
        "porque", "ya que", "debido a", "por eso", "por lo tanto", "la razón", "razones", "causa",
        "causó", "provocó", "llevó a", "como resultado", "así que", "por esta razón",
        "de modo que", "el problema fue", "el problema era", "puesto que", "dado que",
    ),
    alternatives=(
        "quizás", "quizá", "tal vez", "a lo mejor", "podría haber", "debería haber",
        "hubiera podido", "hubiera", "habría", "en lugar de", "en vez de", "por otro lado",
        "sin embargo", "aunque", "otra forma", "otra manera", "alternativa*", "si hubiese",
        "posiblemente", "mientras que", "en cambio", "de forma diferente",
    ),
    feelings=(
        "sentí", "sentía", "siento", "sentimiento*", "emoción*", "emociones", "ansios*",
        "ansiedad", "nervios*", "frustr*", "avergonzad*", "vergüenza", "orgullo*", "aliviad*",
        "alivio", "preocupad*", "preocupación", "molest*", "enfadad*", "enojad*", "incómod*",
        "abrumad*", "decepcion*", "feliz", "contento", "contenta", "estresad*", "estrés",
        "a la defensiva", "miedo", "asustad*", "culpa", "culpable", "triste*", "tranquil*",
        "insegur*", "confianza", "agobiad*", "satisfech*", "dolid*", "agotad*", "tenso", "tensa",
        "tensión",
    ),
    evidence=(
        "retroalimentación", "feedback", "comentario*", "mentor*", "tutor*", "supervisor*",
        "observación*", "investigación*", "estudio*", "datos", "evidencia*", "pruebas", "artículo",
        "literatura", "según", "me dijo", "me aconsejó", "señaló", "sugirió", "resultados",
        "evaluación*", "teoría",
    ),
    intent=(
        "voy a", "vamos a", "intentaré", "trataré", "haré", "probaré", "pediré", "empezaré",
        "cambiaré", "usaré", "pondré", "llamaré", "hablaré", "prepararé", "dedicaré", "escribiré",
        "revisaré", "preguntaré", "mi próximo paso", "el próximo paso", "tengo que", "debo",
        "quiero", "me propongo", "planeo", "mi plan", "me comprometo",
    ),
    when=(
        "mañana", "esta tarde", "esta noche", "la semana que viene", "próxima semana",
        "próxima vez", "próxima clase", "próxima sesión", "lunes", "martes", "miércoles", "jueves",
        "viernes", "sábado", "domingo", "a partir de ahora", "desde ahora", "de ahora en adelante",
        "antes de", "cada", "todos los", "al principio", "al final", "enero", "febrero", "marzo",
        "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre",
        "diciembre",
    ),
    vague=("esforzarme más", "hacerlo mejor", "mejorar", "lo mejor posible", "más cuidado"),
    context=(
        "sociedad", "social*", "cultur*", "comunidad*", "política*", "político*", "institución*",
        "institucional*", "sistema*", "sistémic*", "estructural*", "desigualdad*", "desfavorecid*",
        "pobreza", "privilegi*", "género", "origen", "contexto", "más amplio",
    ),
    ethics=(
        "ética*", "ético*", "moral*", "justo", "justa", "injust*", "justicia", "equidad",
        "equitativ*", "mis valores", "valores", "dignidad", "integridad", "inclusión", "inclusiv*",
    ),
    assumptions=(
        "supuse", "suponía", "suposición*", "di por hecho", "daba por hecho", "di por sentado",
        "daba por sentado", "prejuicio*", "estereotipo*", "sesgo*", "asumí", "asumía", "asunción*",
    ),
    perspective=(
        "antes pensaba", "pensaba que", "creía que", "cambié de opinión", "he cambiado de opinión",
        "lo veo de otra manera", "ahora lo veo", "punto de vista", "perspectiva*", "en su lugar",
        "cuestionar*", "cuestioné", "replante*", "reconsider*",
    ),
    headings=(
        ("descripción", "description"), ("sentimientos", "feelings"), ("evaluación", "evaluation"),
        ("análisis", "analysis"), ("conclusión", "conclusion"), ("plan de acción", "action plan"),
        ("qué", "what"), ("y qué", "so what"), ("y ahora qué", "now what"),
    ),
)

# fmt: on
MARKERS: dict[str, MarkerLists] = {"en": ENGLISH, "fr": FRENCH, "de": GERMAN, "es": SPANISH}
