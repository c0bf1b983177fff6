"""Name lists the town draws from: first names, surnames, streets, schools, professions."""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    """The names of a space-separated list (long name lists stay readable that way)."""
    return tuple(text.split())


_GIRLS = _words(
    "Emma Jade Louise Alice Chloé Lina Léa Rose Anna Mila Inès Ambre Julia Mia Léna Manon "
    "Juliette Lou Zoé Camille Agathe Jeanne Lucie Éva Nina Sarah Romane Inaya Charlotte Léonie "
    "Adèle Margaux Iris Victoire Clémence Capucine Anaïs Maëlys Lola Sofia"
)
_BOYS = _words(
    "Gabriel Léo Raphaël Arthur Louis Jules Adam Maël Lucas Hugo Noah Liam Gabin Sacha Paul "
    "Nathan Aaron Mohamed Ethan Tom Éden Léon Noé Tiago Théo Isaac Marius Victor Martin Nolan "
    "Axel Timéo Enzo Mathis Lenny Baptiste Antoine Clément Samuel Malo"
)
_WOMEN = _words(
    "Marie Nathalie Isabelle Sylvie Céline Julie Aurélie Émilie Sandrine Stéphanie Caroline "
    "Sophie Élodie Laure Virginie Audrey Claire Mélanie Karine Delphine Anne Hélène Amandine "
    "Laetitia Fatima Sarah Camille Pauline Marion Charlotte"
)
_MEN = _words(
    "Nicolas Julien Sébastien Christophe Stéphane Frédéric Laurent Olivier David Thomas "
    "Mathieu Jérôme Guillaume Romain Vincent Pierre Alexandre Benjamin Cédric Damien François "
    "Fabien Yannick Karim Mehdi Maxime Antoine Arnaud Jean Éric"
)
_LAST_NAMES = _words(
    "Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel "
    "Lefebvre Leroy Roux David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine "
    "Rousseau Vincent Muller Lefèvre Faure André Mercier Blanc Guérin Boyer Garnier Chevalier "
    "François Legrand Gauthier Garcia Perrin Robin Clément Morin Nicolas Henry Roussel Mathieu "
    "Gautier Masson Marchand Duval Denis Dumont Lemaire Noël Meyer Dufour Meunier Brun "
    "Blanchard Giraud Joly Rivière Lucas Brunet Gaillard Barbier Arnaud Martinez Gérard Roche "
    "Renard Schmitt Roy Leroux Colin Vidal Caron Picard Roger Fabre Aubert Lemoine Renaud Dumas "
    "Lacroix Olivier Philippe Bourgeois Benoît Rey Leclerc Payet Rolland Guillaume Lecomte"
)
_STREETS = (
    "rue des Tilleuls",
    "avenue de la Gare",
    "chemin du Moulin",
    "rue Victor Hugo",
    "allée des Érables",
    "place de l'Église",
    "rue du Stade",
    "impasse des Lilas",
    "route de Grenoble",
    "rue Jean Jaurès",
    "chemin des Vignes",
    "rue de la Mairie",
    "avenue du Général de Gaulle",
    "rue des Écoles",
    "chemin de la Croix",
    "rue Pasteur",
)
_SCHOOL_NAMES = (
    "École Jules Ferry",
    "École Jean Jaurès",
    "École Victor Hugo",
    "École Jacques Prévert",
    "École Louis Pasteur",
    "École Marie Curie",
    "École Jean de La Fontaine",
    "École Antoine de Saint-Exupéry",
    "École Paul Langevin",
    "École Simone Veil",
    "École Les Tilleuls",
    "École du Centre",
    "École Lux",
    "École Les Marronniers",
    "École Condorcet",
    "École George Sand",
)
_PROFESSIONS = (
    "Infirmier(e)",
    "Enseignant(e)",
    "Ingénieur(e)",
    "Comptable",
    "Commercial(e)",
    "Artisan",
    "Agent administratif",
    "Aide-soignant(e)",
    "Technicien(ne)",
    "Sans profession",
)
_VACCINES = ("DTPolio", "ROR", "Hépatite B")
