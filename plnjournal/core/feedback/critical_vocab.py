"""The words critical.py reads mentor comments with, per language (docs/critical-comments.md).

Each kind is a comma-separated list of words or phrases, written as a mentor would write them
(accents and case are ignored when matching). ``*`` ends a stem that matches any ending
(``rush*``: rush, rushed, rushing); ``+`` marks a verb whose object belongs in the cue the user
sees (``omit*+``: "omitted the checks"). The kinds:

- ``problem``: names a problem ("rushed", "unsafe"); counts, unless negated ("never late").
- ``demand``: says a change is required ("needs to", "must"); counts, unless negated before it
  ("no need to", "nothing to improve").
- ``always``: counts even though it contains a negation ("not yet", "don't forget").
- ``positive``: what a negation turns into a problem ("not confident", "no progress").
- ``negator`` / ``det_negator``: negation of a verb or an adjective ("not", "never", "without")
  / of a noun ("no", "nothing"); a negated verb counts ("didn't check"), a negated noun alone
  does not ("no comments").
- ``post_negator``: negates the problem word right before it ("error-free").
- ``cancel``: a negation that is praise ("couldn't be better", "can't wait").
- ``only``: "not only", right after the negation: no negation at all.
- ``restrict``: French "ne … que" (only), when no second negation word came first.
- ``praise``: phrases never counted ("keep it up", "please continue").
- ``pride``: after a demand word, makes it praise ("you should be proud").
- ``ignore``: phrases that look like a problem and are not ("problem solving", "late afternoon").
- ``too``: "too" + the next word counts ("too fast").
- ``before`` / ``after``: words shown with a cue, not counted alone ("still avoids", "late
  again").
- ``boundary``: words that end a clause (a negation does not reach past "but").
- ``skip``: small words a negation reaches across ("not *a single* error").
- ``determiner``: small words between a verb and its object ("omitted *the* checks").
- ``imperative_ok`` (English): after a clause-opening "don't", reassurance, not a demand
  ("don't worry").
"""

from __future__ import annotations

EN = {
    "determiner": "the, a, an, to, your, his, her, their, our, my, this, that, these, those, any, some, all",
    "problem": """
        rush*+, hurried, hurry, hasty, hastily, omit*+, omission*, forgot+, forget+, forgets+,
        forgetting+, forgotten, miss+, missed+, misses+, missing+, skip*+, overlook*+, neglect*+,
        ignor*+, avoid*+, dodg*+, reluctan*, hesitan*, hesitat*, late, lateness, tardy,
        unpunctual, unsafe, danger*, hazard*, risky, at risk, incomplete, unfinished, inaccura*,
        incorrect*, wrong*, error*, mistake*, careless*, sloppy, slapdash, messy, chaotic, chaos,
        disorganis*, disorganiz*, unprepared, underprepared, unclear, vague*, confus*,
        inconsisten*, weak*, poor*, bad, badly, struggl*, difficulty, difficulties, problem,
        problems, problematic, issue, issues, concern, concerns, concerned, worr*, fault*, flaw*,
        fail*, lack*, gap, gaps, fallen behind, falling behind, fell behind, behind schedule,
        slow, defensive*, dismissive*, abrupt*, rude*, harsh*, impatien*, distract*, interrupt*,
        unprofessional*, inappropriat*, superficial*, shallow, insufficien*, inadequa*,
        unfocus*, unstructured, off task, off-task, complain*, doubt*, unsure, uncertain*,
        nervous*, anxious*, flustered, afraid, lost, lose, loses, losing, shout*, yell*, overran,
        overrun*, ran out of time, ran over, drift*, confrontational, disengag*, passive,
        monoton*, mumbl*, noisy, lapse*, negligen*, breach*, give up, gave up, gives up,
        giving up, tend to, tends to, tended to, fell short, falls short, fall short,
        below expectations, unacceptable, cut corners, cutting corners
    """,
    "demand": """
        need to, needs to, needed to, needs more, needs work, needs improvement, needs attention,
        needed, must, have to, has to, had to, ought to, should, make sure, ensure, remember to,
        improve, please, could be more, could be better, could be clearer, could have,
        would benefit, room for improvement, requires, is required, are required, expected to,
        i expect,
        action point, development point, area for development, areas for development,
        area to develop, areas to develop
    """,
    "always": "not yet, yet to, still to, don't forget, do not forget",
    "positive": """
        confident, confidently, confidence, clear, clearly, sure, ready, prepared, enough,
        sufficient, sufficiently, secure, consistent, consistently, organised, organized, safe,
        safely, complete, completed, accurate, effective, effectively, engaged, calm, punctual,
        on time, able, aware, acceptable, happy, pleased, satisfied, impressed, convinced,
        progress, improvement, evidence, sign, attempt, effort, plan, planning, structure,
        follow-up, follow up, follows up, followed up, response, reply, yet
    """,
    "negator": """
        not, never, cannot, without, hardly, barely, rarely, seldom, scarcely, nor, neither,
        free of, free from, no longer
    """,
    "det_negator": "no, nothing, none, nobody, zero",
    "post_negator": "free",
    "cancel": """
        better, best, happier, prouder, calmer, clearer, smoother, finer, greater, more, wait,
        praise, thank, recommend, stop, change
    """,
    "only": "only",
    "praise": "keep it up, please continue, please keep, please carry on, no doubt",
    "pride": "proud, pleased, delighted, chuffed",
    "ignore": """
        problem solving, problem-solving, late afternoon, late morning, late evening, of late,
        must have, missing out, what was needed, what they needed, when needed, if needed,
        as needed, where needed, continue to improve, continues to improve,
        continuing to improve, as it should, as they should
    """,
    "too": "too",
    "before": """
        still, always, often, sometimes, frequently, repeatedly, very, quite, rather, somewhat,
        slightly, far, bit, little, a bit, a little, too, again, constantly, regularly
    """,
    "after": "again, as usual, every time, each time, too often",
    "boundary": """
        but, and, or, although, though, however, whereas, while, because, which, who, when,
        where, if, unless, since, until, than
    """,
    "skip": """
        a, an, the, any, single, one, once, even, at, all, to, be, been, being, is, are, was,
        were, am, have, has, had, do, does, did, i, you, he, she, we, they, it, me, him, her,
        them, us, my, your, his, their, our, its, this, that, these, those, so, very, really,
        quite, ever, much, many, of, in, on, for, with, by, as, up, there, here, feel, seem,
        seemed, seems, appear, appeared, look, looked, get, got, would, could, can, will, shall,
        may, might, just, through, about, into, over
    """,
    "imperative_ok": "worry, hesitate, panic, change, stop, afraid",
}

FR = {
    "determiner": "le, la, les, l', un, une, des, de, du, d', ses, son, sa, leur, leurs, tes, vos",
    "problem": """
        précipit*+, bâcl*+, hâtif*, hâtive*, oubli*+, omis+, omise*, omet*+, omission*, sauté+,
        manqu*+, retard*, dangereu*, danger, risqué*, incomplet*, incomplète*, inachevé*,
        inexact*, incorrect*, erreur*, faute*, négligen*, néglig*+, ignor*+, évit*+, hésit*,
        réticen*, confus*, désorganis*, brouillon*, vague*, imprécis*, flou*, insuffisan*,
        faible*, lacune*, problème*, problématique*, souci*, inquiet*, préoccup*, difficulté*,
        en retard, lent, lente, lenteur, maladroit*, défensi*, impatien*, brusque*, distrait*, dispers*,
        chaotique*, décousu*, superficiel*, incohéren*, inadapté*, inapproprié*, perd, perdu,
        échec*, échou*, redire, reproche*, nerveu*, bruyant*, en deçà, en dessous, mal,
        tendance à, a tendance, abandonn*
    """,
    "demand": """
        doit, doivent, dois, devez, devra, devras, devrais, devrait, devriez, devraient, il faut,
        il faudrait, faut, faudra, faudrait, besoin de, penser à, pense à, pensez à, veiller à,
        veillez à, veille à, attention à, faire attention, améliorer, à revoir, à retravailler,
        à travailler, travailler sur, merci de, s'assurer, assurez-vous, assure-toi, exige,
        nécessaire, nécessite, axe d'amélioration, axes d'amélioration, point d'amélioration,
        points d'amélioration, s'il te plaît, s'il vous plaît
    """,
    "always": """
        pas encore, toujours pas, n'oublie pas, n'oubliez pas, pas assez, pas suffisamment,
        reste à, laisse à désirer, ne pas oublier
    """,
    "positive": """
        confiant*, aise, clair*, prêt*, préparé*, assez, suffisant*, suffisamment, cohérent*,
        organisé*, sécurisé*, complet, complète, précis*, efficace*, ponctuel*, à l'heure,
        progrès, amélioration*, effort*, plan, structure*, encore, hauteur, satisfait*,
        convaincu*, régulier*
    """,
    "negator": "ne, n', pas, jamais, sans, ni, guère, non, plus jamais, libre de, exempt de",
    "det_negator": "aucun, aucune, rien, nul, nulle",
    "cancel": "mieux, meilleur*, hâte, change, changer, changerais, recommande*, remercier",
    "only": "seulement",
    "restrict": "que, qu'",
    "praise": "continue ainsi, continuez ainsi, rien à signaler",
    "pride": "fier, fière, fiers, fières, ravi, ravie, content, contente",
    "ignore": "résolution de problème*, résolution de problèmes",
    "too": "trop",
    "before": """
        encore, toujours, souvent, parfois, trop, très, plutôt, peu, un peu, vraiment, beaucoup
    """,
    "after": "encore, de nouveau, à nouveau, une fois de plus, comme d'habitude",
    "boundary": """
        mais, et, ou, cependant, pourtant, toutefois, néanmoins, car, parce, puisque, lorsque,
        quand, qui, dont, où, alors, tandis
    """,
    "skip": """
        le, la, les, l', un, une, des, du, de, d', seul, seule, seuls, seules, a, ai, as, avons,
        avez, ont, est, es, sont, était, été, être, avait, il, elle, ils, elles, on, je, j', tu,
        vous, nous, me, m', te, t', se, s', lui, leur, y, en, ce, c', cet, cette, ces, son, sa,
        ses, ton, ta, tes, votre, vos, notre, nos, mon, ma, mes, très, si, fois, à, au, aux,
        pour, par, avec, dans, sur, même, vraiment, plus, fait, vu, trouvé, constaté
    """,
}

DE = {
    "determiner": "den, die, das, der, dem, des, einen, eine, ein, seine, ihre, ihren, zu",
    "problem": """
        überhastet*, hastig*, gehetzt*, eilig*, zu schnell, zu langsam, zu laut, zu leise,
        zu lang, zu lange, zu kurz, zu viel, zu wenig, zu spät, spät, verspät*, unpünktlich*,
        vergess*+, vergaß*+, vergiss+, vergisst+, ausgelassen+, auslass*+, übersprung*+,
        überspring*+, übersehen+, übersieht+, verpass*+, ignorier*+, vernachlässig*+, vermeid*+,
        vermied*+, meidet+, gemieden+, ausweich*, zöger*, unsicher*, gefährlich*, gefahr*,
        riskant*, unvollständig*, lückenhaft*, lücke*, unklar*, ungenau*, unordentlich*,
        chaotisch*, unstrukturiert*, unorganisiert*, unvorbereitet*, verwirr*, fehl*, falsch*,
        schwach*, schwäche*, mangel*, mängel*, problem*, bedenk*, besorg*, sorge,
        schwierigkeit*, oberflächlich*, nervös*, ungeduldig*, unaufmerksam*, abgelenkt*,
        unprofessionell*, unangemessen*, defensiv*, inkonsequent*, inkonsistent*, ungenügend*,
        unzureichend*, versäum*+, scheiter*, gescheitert, verloren, verliert, ausbaufähig*,
        verbesserungswürdig*, verbesserungsbedürftig*, verbesserungsbedarf, neigt dazu,
        neigst dazu, schlecht*
    """,
    "demand": """
        muss, musst, müssen, müsst, müsste, müsstest, müssten, sollte, solltest, sollten,
        solltet, soll, sollst, sollen, braucht, brauchst, benötigt, verbessern, arbeiten an,
        arbeite an, achte auf, achten sie auf, achten auf, sicherstellen, stell sicher,
        stellen sie sicher, notwendig, nötig, erforderlich, bitte
    """,
    "always": """
        noch nicht, nicht genug, nicht genügend, vergiss nicht, vergessen sie nicht,
        nicht vergessen, denk daran, denke daran, denken sie daran, lässt zu wünschen übrig
    """,
    "positive": """
        sicher, klar*, selbstbewusst*, selbstsicher*, vorbereitet*, bereit*, genug, genügend,
        ausreichend*, pünktlich*, vollständig*, sorgfältig*, konsequent*, organisiert*,
        strukturiert*, fortschritt*, verbesserung, verbesserungen, anzeichen, versuch*,
        zufrieden*, überzeugt*, überzeugend*, ruhig*
    """,
    "negator": "nicht, nie, niemals, ohne, weder, kaum, frei von, nie mehr",
    "det_negator": "kein, keine, keinen, keinem, keiner, keines, nichts, niemand",
    "post_negator": "frei",
    "cancel": "besser, bestens, stolzer, glücklicher, erwarten, warten, ändern, empfehlen",
    "only": "nur",
    "praise": "weiter so, mach weiter so, machen sie weiter so, ohne frage",
    "pride": "stolz, froh",
    "ignore": "spät am nachmittag, am späten nachmittag, problemlösung*, problemlos*",
    "before": """
        immer, noch, wieder, oft, häufig, manchmal, sehr, ziemlich, etwas, bisschen,
        ein bisschen, ein wenig, erneut,
        ständig, weiterhin
    """,
    "after": "wieder, erneut, schon wieder, wie immer",
    "boundary": """
        aber, und, oder, jedoch, doch, obwohl, sondern, weil, da, wenn, als, während, denn
    """,
    "skip": """
        der, die, das, den, dem, des, ein, eine, einen, einem, einer, eines, einzig*, einmal,
        mal, ist, sind, war, waren, hat, hatte, habe, hast, haben, wird, wurde, werden, sein,
        bin, ich, du, er, sie, es, wir, ihr, man, mich, dich, sich, ihm, ihn, ihnen, uns, euch,
        mein, meine, dein, deine, seine, ihre, unser, so, sehr, zu, ganz, wirklich, auch, dabei,
        mehr, je, jemals, mit, bei, von, an, auf, in, im, am, um, für, gar, gesehen, gemacht
    """,
}

ES = {
    "determiner": "el, la, los, las, un, una, sus, su, a, de, al, del, en",
    "problem": """
        precipit*+, apresur*+, prisa, deprisa, a la carrera, olvid*+, omit*+, omisión*, omiti*+,
        se saltó+, tarde, retras*, impuntual*, insegur*, peligr*, arriesgad*, incomplet*,
        inacabad*, impreci*, incorrect*, equivoc*, error*, errón*, fall*, falt*+, descuid*+,
        negligen*, ignor*+, evit*+, evad*, dud*, titube*, vacil*, reticen*, reacio*, confus*,
        desorganiz*, desorden*, caótic*, vago, vaga, superficial*, débil*, debilidad*, pobre*,
        deficien*, insuficien*, problema*, problemátic*, preocup*, inquiet*, dificultad*, lento,
        lenta, lentitud, nervios*, impacien*, brusc*, distraíd*, distrac*, defensiv*,
        inapropiad*, inadecuad*, incoherent*, inconsisten*, le cuesta, les cuesta, se pierde,
        perdió, pierde, mal, malo, mala, por debajo, tiende a, tiendes a, se rinde, rendirse
    """,
    "demand": """
        debe, debes, deben, debería, deberías, deberían, tiene que, tienes que, tienen que,
        hay que, necesita, necesitas, necesitan, es necesario, mejorar, trabajar en, trabaja en,
        presta atención, prestar atención, asegúrate, asegúrese, asegurarse, por favor, procura,
        procure, conviene
    """,
    "always": """
        todavía no, aún no, no olvides, no olvide, no te olvides, no se olvide, recuerda,
        recuerde, no lo suficiente, deja que desear, deja mucho que desear, todavía le cuesta,
        aún le cuesta
    """,
    "positive": """
        segur*, confiad*, confianza, clar*, preparad*, suficiente*, suficientemente, coherent*,
        organizad*, completo, completa, precis*, eficaz*, puntual*, a tiempo, progres*, mejora,
        mejoras, esfuerzo*, satisfech*, convencid*, todavía, aún, tranquil*
    """,
    "negator": "no, nunca, jamás, sin, ni, tampoco, apenas, libre de, ya no",
    "det_negator": "ningún, ninguna, ninguno, ningunos, ningunas, nada, nadie",
    "cancel": "mejor, esperar, cambiar*, cambio, recomendar*",
    "only": "solo, sólo, solamente, únicamente",
    "praise": "sigue así, siga así, sin duda",
    "pride": "orgullos*, content*",
    "ignore": """
        la tarde, esta tarde, por la tarde, cada tarde, toda la tarde, una tarde, buenas tardes,
        las tardes, resolución de problemas, sin falta
    """,
    "too": "demasiado, demasiada, demasiados, demasiadas",
    "before": """
        todavía, aún, siempre, muy, bastante, algo, poco, un poco, sigue, vuelve, frecuentemente,
        constantemente
    """,
    "after": "otra vez, de nuevo, como siempre, una vez más",
    "boundary": "pero, y, o, aunque, sino, sin embargo, mientras, porque, cuando, si",
    "skip": """
        el, la, los, las, lo, un, una, unos, unas, es, son, está, están, estaba, era, fue, ha,
        han, he, has, hemos, había, ser, estar, se, le, les, me, te, nos, su, sus, tu, tus, mi,
        mis, muy, tan, de, del, a, al, en, con, por, para, que, hay, vez, siquiera, cometió,
        cometido, visto, hizo
    """,
}

VOCAB = {"en": EN, "fr": FR, "de": DE, "es": ES}
