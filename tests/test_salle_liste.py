"""La liste de la salle, telle qu'Excel en français l'enregistre : un seul lecteur pour la salle et le bilan."""

from __future__ import annotations

import pytest

from atelier.formateur.cli import main as formateur
from atelier.formateur.cours import ErreurFormateur, lire_participants
from atelier.salle.liste import ListeInvalide, lire_liste

# « Enregistrer sous… CSV (séparateur : point-virgule) » d'un Excel français : Windows-1252,
# titres avec majuscules, accents et espaces, fin de ligne Windows, lignes vides à la fin.
EXCEL_FRANCAIS = (
    "ID;Nom ;Commune;Département;Rôle\r\n"
    "form;Estelle Formatrice;Porto-Novo;Ouémé;Formatrice\r\n"
    "benedicte;Bénédicte Fictive;Dassa-Zoumè;Collines;participante\r\n"
    "ntcha;N'Tcha Imaginaire;Boukoumbé;Atacora;Participant\r\n"
    ";;;;\r\n"
).encode("cp1252")


def _ecrire(tmp_path, octets: bytes, nom: str = "salle.csv"):
    chemin = tmp_path / nom
    chemin.write_bytes(octets)
    return chemin


def test_un_export_excel_en_point_virgule_et_windows_1252_est_lu(tmp_path):
    # ce sont bien les octets d'Excel, pas de l'UTF-8
    assert "Bénédicte".encode("cp1252") in EXCEL_FRANCAIS
    personnes = lire_liste(_ecrire(tmp_path, EXCEL_FRANCAIS), prefixe="s1-")
    assert [(p.identifiant, p.nom, p.commune, p.departement, p.role) for p in personnes] == [
        ("s1-form", "Estelle Formatrice", "Porto-Novo", "Ouémé", "formateur"),
        ("s1-benedicte", "Bénédicte Fictive", "Dassa-Zoumè", "Collines", "participant"),
        ("s1-ntcha", "N'Tcha Imaginaire", "Boukoumbé", "Atacora", "participant"),
    ]


def test_un_export_utf8_avec_bom_et_virgules_est_lu(tmp_path):
    octets = "\ufeffid,nom,commune,role\nform,Estelle,Porto-Novo,formateur\nawa,Awa Dassa,Dassa-Zoumè,participant\n"
    personnes = lire_liste(_ecrire(tmp_path, octets.encode("utf-8")))
    assert [p.identifiant for p in personnes] == [
        "form",
        "awa",
    ]  # pas de « \ufeffid » dans la colonne id
    assert personnes[1].commune == "Dassa-Zoumè" and personnes[1].departement == ""


@pytest.mark.parametrize(
    "contenu, message",
    [
        (
            "id;nom;commune;role\nform;A;B;formateur\nawa;A;B;maire\n",
            r"ligne 3 : rôle « maire » inconnu",
        ),
        (
            "id;nom;commune;role\nform;A;B;formateur\nawa;A;B;participant\nawa;C;D;participant\n",
            r"ligne 4 : identifiant « awa » en double \(déjà à la ligne 3\)",
        ),
        (
            "id;nom;role\nform;A;formateur\n",
            r"ligne 1 : colonne\(s\) manquante\(s\) : commune\. Colonnes trouvées : id, nom, role\.",
        ),
        ("", "le fichier est vide"),
    ],
)
def test_une_erreur_nomme_sa_ligne_et_ne_se_contredit_pas(tmp_path, contenu, message):
    with pytest.raises(ListeInvalide, match=message) as erreur:
        lire_liste(_ecrire(tmp_path, contenu.encode("cp1252")))
    # Jamais « colonnes manquantes id, nom… » pour une colonne bien là.
    texte = str(erreur.value)
    if "manquante" in texte:
        manquantes = texte.split("manquante(s) : ")[1].split(".")[0].split(", ")
        trouvees = texte.split("Colonnes trouvées : ")[1].split(".")[0].split(", ")
        assert not set(manquantes) & set(trouvees), texte


def test_un_fichier_ni_utf8_ni_windows_1252_est_refuse_en_francais(tmp_path):
    # 0x81 n'existe pas en Windows-1252 et n'est pas de l'UTF-8 valide.
    with pytest.raises(ListeInvalide, match="encodage non reconnu"):
        lire_liste(_ecrire(tmp_path, b"id;nom;commune;role\nform;\x81;B;formateur\n"))


def test_le_bilan_lit_la_meme_liste_et_laisse_les_formateurs_de_cote(tmp_path):
    participants = lire_participants(_ecrire(tmp_path, EXCEL_FRANCAIS))
    assert sorted(participants) == ["benedicte", "ntcha"]
    assert (
        participants["ntcha"].commune == "Boukoumbé"
        and participants["ntcha"].departement == "Atacora"
    )
    with pytest.raises(ErreurFormateur, match="introuvable"):
        lire_participants(tmp_path / "absente.csv")


def test_la_commande_du_formateur_donne_l_erreur_de_la_liste_sans_trace(tmp_path, capsys):
    (tmp_path / "source").mkdir()
    liste = _ecrire(tmp_path, "id;nom;commune;role\nawa;A;B;conseillère\n".encode("cp1252"))
    code = formateur(["bilan", "--participants", str(liste), "--cours", str(tmp_path)])
    erreur = capsys.readouterr().err
    assert (
        code != 0
        and "ligne 2 : rôle « conseillère » inconnu" in erreur
        and "Traceback" not in erreur
    )
