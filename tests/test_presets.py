from __future__ import annotations

import dataclasses
import io

import numpy as np
import pandas as pd
import pytest

import interview_lab as il
from interview_lab.io.presets import presets_for

from .test_charts import EXAMPLE_MODEL_FILE, EXAMPLE_MODEL_OFFERS, custom_model

PERSONAS = {"new_graduate", "busy_full_timer", "career_changer", "coach_neutral"}


def test_the_required_personas_exist_with_texts_in_both_languages():
    presets = il.load_presets()
    assert set(presets) >= PERSONAS
    for preset in presets.values():
        for lang in il.LANGUAGES:
            assert preset.text("label", lang).strip()
            assert preset.text("description", lang).strip()
        assert set(preset.weights) == set(il.DEFAULT_MODEL.names)


def test_the_coaches_neutral_default_is_the_default_weights():
    assert il.preset_weights("coach_neutral") == dict(il.DEFAULT_MODEL.default_weights)


def test_personas_pull_the_verdict_their_way(public_scenarios):
    busy = il.evaluate(public_scenarios, il.preset_weights("busy_full_timer"))
    graduate = il.evaluate(public_scenarios, il.preset_weights("new_graduate"))
    accepted = {
        name: set(t.loc[t["verdict"] == "accept", "offer"])
        for name, t in {"busy": busy, "graduate": graduate}.items()
    }
    # The busy full-timer accepts fewer invitations, and still goes to the dream role.
    assert accepted["busy"] < accepted["graduate"]
    assert "P08" in accepted["busy"]


def test_presets_keep_every_caveat_at_least_as_heavy_as_its_reason():
    for preset in il.load_presets().values():
        for reason, caveat in il.DEFAULT_MODEL.pairs:
            if preset.name == "new_graduate" and reason == "practice":
                continue  # documented: a graduate with time to spare discounts time less
            assert preset.weights[caveat] >= preset.weights[reason], preset.name


def test_a_weights_file_overrides_only_what_it_names(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text("time_cost = 5\ndoors = 0\n")
    defaults = il.DEFAULT_MODEL.default_weights
    assert il.load_weights(path) == {**defaults, "time_cost": 5.0, "doors": 0.0}


def test_a_broken_presets_file_names_the_preset(tmp_path):
    path = tmp_path / "presets.toml"
    path.write_text(
        '[mine]\nlabel = { en = "Mine", de = "Meins" }\n'
        'description = { en = "x", de = "y" }\nweights = { doors = -1 }\n'
    )
    with pytest.raises(il.WeightsError, match=r"preset 'mine'.*'doors' must be a number >= 0"):
        il.load_presets(path)


def test_a_preset_without_german_texts_is_rejected(tmp_path):
    path = tmp_path / "presets.toml"
    path.write_text(
        '[mine]\nlabel = { en = "Mine" }\ndescription = { en = "x", de = "y" }\n'
        "weights = { doors = 1 }\n"
    )
    with pytest.raises(
        il.PresetError, match=r"'label' needs a text in each language \('en' and 'de'\)"
    ):
        il.load_presets(path)
    with pytest.raises(il.PresetError, match="„label“ braucht einen Text in jeder Sprache"):
        il.load_presets(path, lang="de")


def test_presets_are_read_for_a_model():
    model = custom_model()
    weights = il.preset_weights("busy_full_timer", model=model)
    assert weights == {**il.preset_weights("busy_full_timer"), "salary": 2.0}
    assert list(presets_for(model)) == list(il.load_presets())
    kept = [f for f in il.DEFAULT_MODEL.factors if f.name != "confusion"]
    smaller = il.Model(
        tuple(
            dataclasses.replace(f, cancelled_by=None) if f.name == "surprise" else f for f in kept
        )
    )
    # Every bundled preset names confusion: a model that switches it off still gets
    # them all, without that weight.
    for presets in (presets_for(smaller), il.load_presets(model=smaller)):
        assert list(presets) == list(il.load_presets())
        for name, preset in presets.items():
            full = il.preset_weights(name)
            assert dict(preset.weights) == {k: full[k] for k in smaller.names}


def test_a_preset_naming_an_own_factor_fits_only_a_model_that_has_it(tmp_path):
    path = tmp_path / "presets.toml"
    path.write_text(
        '[pay_first]\nlabel = { en = "Pay first", de = "Gehalt zuerst" }\n'
        'description = { en = "x", de = "y" }\nweights = { salary = 5, confusion = 0 }\n'
        '[calm]\nlabel = { en = "Calm", de = "Ruhig" }\n'
        'description = { en = "x", de = "y" }\nweights = { confusion = 4 }\n',
        encoding="utf-8",
    )
    model = il.load_model(EXAMPLE_MODEL_FILE)  # salary of its own, confusion switched off
    assert list(presets_for(model, path)) == ["pay_first"]  # calm spoke only of confusion
    assert presets_for(model, path)["pay_first"].weights["salary"] == 5
    assert list(presets_for(il.DEFAULT_MODEL, path)) == ["calm"]
    with pytest.raises(il.WeightsError, match="unknown factor 'salary'"):
        il.load_presets(path)


@pytest.mark.parametrize("lang", il.LANGUAGES)
def test_the_example_model_gets_the_presets_in_the_apps_and_the_cli(lang, capsys):
    from interview_lab.apps.cli import main
    from interview_lab.apps.compare import compare

    model = il.load_model(EXAMPLE_MODEL_FILE)
    app = compare(EXAMPLE_MODEL_OFFERS, model=model, lang=lang)
    assert app.preset.value == "coach_neutral"
    app.preset.value = "busy_full_timer"
    assert app.errors == []
    assert app.sliders["time_cost"].value == 4.5
    assert app.sliders["salary"].value == model.default_weights["salary"]
    assert pd.Series(app.weights).equals(
        pd.Series(il.preset_weights("busy_full_timer", model=model))
    )
    args = ["evaluate", str(EXAMPLE_MODEL_OFFERS), "--model", str(EXAMPLE_MODEL_FILE)]
    assert main([*args, "--preset", "busy_full_timer", "--format", "csv", "--lang", lang]) == 0
    scores = pd.read_csv(io.StringIO(capsys.readouterr().out))["score"]
    np.testing.assert_allclose(scores, app.result["score"])
    assert main(["presets", "--model", str(EXAMPLE_MODEL_FILE), "--lang", lang]) == 0
    listed = capsys.readouterr().out
    assert il.load_presets()["busy_full_timer"].text("label", lang) in listed
    assert "confusion" not in listed
    assert "Verwirrung" not in listed
    assert {"en": "Salary 2, ", "de": "Gehalt 2, "}[lang] in listed  # as a file may head it


def test_a_weights_file_is_read_for_a_model(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text("salary = 4\n")
    model = custom_model()
    assert il.load_weights(path, model=model) == {**model.default_weights, "salary": 4.0}
    with pytest.raises(il.WeightsError, match="unknown factor 'salary'"):
        il.load_weights(path)
