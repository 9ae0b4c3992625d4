"""The common words skipped when deciding whether a text discusses a skill, per language.

Function words only (articles, pronouns, prepositions, conjunctions, auxiliaries and a few
adverbs of degree or time): they say nothing about what a text is about, so a skill's name
is matched without them ("Difficult conversations with parents" is found in "a difficult
conversation with the parents"). Content words that are generic in one framework ("pupils",
"patients") are not listed here: the framework itself shows them (docs/skill-terms.md).
Words are written casefolded; an apostrophe splits a word, so elided forms ("l'", "d'") are
listed as their single letters.
"""

from __future__ import annotations

_EN = """
a about above after again against all also am an and any are as at be because been before
being below between both but by can cannot could did do does doing done down during each
either else ever every few for from further get gets got had has have having he her here hers
herself him himself his how however i if in into is it its itself just let me might mine more
most much must my myself neither no nor not now of off on once one only or other others our
ours ourselves out over own per quite rather s same shall she should so some still such t
than that the their theirs them themselves then there these they this those though through
thus to too under until up upon us very was we were what when where whether which while who
whom whose why will with within without would yet you your yours yourself yourselves d ll m
re ve don didn doesn isn wasn weren hasn haven hadn won wouldn couldn shouldn
"""

_FR = """
a à afin ai aie aient ainsi alors as au aucun aucune auquel aussi autre autres aux
auxquels avaient avais avait avant avec avez avions avoir avons ayant c ça car ce ceci cela
celle celles celui cependant ces cet cette ceux chaque chez ci comme comment d dans de des
depuis donc dont du duquel elle elles en encore entre es est et étaient étais était été être
eu eue eurent eus eut eux fait fut furent j je jusqu jusque l la là le les lequel lesquelles
lesquels leur leurs lors lui m ma mais me même mêmes mes moi mon n ne ni nos notre nous on ont
ou où par parce pas pendant peu peut plus pour pourquoi puis qu quand que quel quelle quelles
quels qui quoi s sa sans se sera serai seront ses si sien son sont sous suis sur t ta te tes
toi ton tous tout toute toutes très tu un une vers vos votre vous y
"""

_DE = """
aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes
auch auf aus bei beim bin bis bist da dabei damit dann das dass dem den denen denn der deren
des dessen dich die dies diese diesem diesen dieser dieses dir doch dort du durch ein eine
einem einen einer eines er es etwas euch euer eure für gegen gewesen hab habe haben hat hatte
hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins
ist ja jede jedem jeden jeder jedes jener jetzt kann kein keine keinem keinen keiner können
könnte machen man manche mein meine meinem meinen meiner mich mir mit muss musste nach nicht
nichts noch nun nur ob oder ohne sehr sein seine seinem seinen seiner sich sie sind so solche
soll sollte sondern sonst über um und uns unser unsere unter viel vom von vor war waren warst
was weil welche welchem welchen welcher welches wenn wer werde werden wie wieder will wir
wird wo wollen wurde würde wurden zu zum zur zwar zwischen
"""

_ES = """
a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante e
el él ella ellas ellos en entre era erais eran eras eres es esa esas ese eso esos esta está
estaba estaban estado estamos están estar estas este esto estos estoy fue fueron fui ha había
habían han has hasta hay he la las le les lo los más me mi mis mucho muchos muy nada ni no
nos nosotros o os otra otras otro otros para pero poco por porque que qué quien quienes se
sea ser si sí sido sin sobre sois somos son soy su sus también tanto te tenemos tener tengo
ti tiene tienen todo todos tu tú tus un una uno unos vosotros y ya yo
"""

STOP_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(_EN.split()),
    "fr": frozenset(_FR.split()),
    "de": frozenset(_DE.split()),
    "es": frozenset(_ES.split()),
}
