"""Frame arithmetic and frame-rate inference (subqa/frames.py)."""
import pytest

from subqa import frames


@pytest.mark.parametrize("ms,fps,expected", [
    (820, 24, 20), (830, 24, 20), (833, 24, 20), (790, 24, 19),      # 19.68 / 19.92 / 18.96
    (80, 25, 2), (82, 23.976, 2), (83, 23.976, 2),                    # exact 2-frame gaps
    (63, 24, 2), (62, 24, 1), (82, 24, 2), (84, 24, 2),               # SE: 63-82 ms pass
    (20.834, 24, 1), (20.83, 24, 0), (500, 24, 12), (500, 25, 13), (500, 29.97, 15), (500, 23.976, 12),
    (7000, 24, 168), (7000, 25, 175), (833, 25, 21), (833, 29.97, 25),
    (-208, 24, -5), (0, 24, 0),
])
def test_spans_round_to_the_nearest_frame_halves_away_from_zero(ms, fps, expected):
    assert frames.ms_to_frames(ms, fps) == expected


def test_ntsc_rates_are_exact_and_named_by_their_usual_spelling():
    assert frames.exact_rate(23.976) == 24000 / 1001 == frames.exact_rate(23.98)
    assert frames.standard_rate(23.98) == 23.976 and frames.standard_rate(29.97) == 29.97
    assert frames.standard_rate(48) is None and frames.standard_rate(24.02) is None
    assert round(frames.frame_ms(23.976), 3) == 41.708
    assert frames.describe(19, 790, 24) == "19 frames (790 ms) at 24 fps"
    assert frames.describe(1, 42, 23.976) == "1 frame (42 ms) at 23.976 fps"


def _grid_times(fps, count, step_frames=37, jitter=()):
    """``count`` distinct times on ``fps``'s grid, in whole ms (rounded, as files store them)."""
    step = frames.frame_ms(fps)
    return [int(round((i * step_frames + 3) * step)) for i in range(count)] + list(jitter)


@pytest.mark.parametrize("fps", [23.976, 24, 25, 29.97, 30])
def test_a_track_clearly_on_one_grid_is_inferred(fps):
    found = frames.infer_fps(_grid_times(fps, 200))
    assert found is not None and found.fps == fps
    assert f"200 of 200 times on the {fps:g} fps frame grid" in str(found)


def test_the_coarser_of_two_nested_grids_and_no_inference_from_few_or_mixed_times():
    assert frames.infer_fps(_grid_times(25, 200, step_frames=2)).fps == 25     # also on 50's
    assert frames.infer_fps(_grid_times(25, 99)) is None                        # a handful
    off_grid = [t + 13 for t in _grid_times(25, 20)]                            # 10 % off: 90 %
    assert frames.infer_fps(_grid_times(25, 180) + off_grid) is None
    assert frames.infer_fps(range(0, 100_000, 100)) is None      # tenths: on 30 and 50 grids
    import random
    rng = random.Random(7)
    assert frames.infer_fps(rng.sample(range(3_600_000), 500)) is None          # hand-timed


def test_castilian_example_1721_of_1730_on_40_ms_is_25_fps():
    times = [i * 40 * 7 for i in range(1, 1722)] + [i * 1000 * 7 + 13 for i in range(1, 10)]
    found = frames.infer_fps(times)
    assert found.fps == 25 and found.on_grid >= 1721 and found.share >= 0.99


def test_ntsc_grid_of_the_decimal_name_counts_too():
    # an Apple TV WebVTT track is timed at 1000/23.976 ms a frame, not 1001/24: 4 ms apart
    # after an hour; both are the 23.976 fps grid
    times = [int(round(n * 1000 / 23.976)) for n in range(1000, 300_000, 1409)]
    assert frames.infer_fps(times).fps == 23.976


def test_inference_that_gives_up_early_equals_counting_every_time():
    # infer_fps stops counting a rate once too many times are off its grid; the answer must be
    # the one the full count (grid_evidence) gives, on grids and off them
    import random

    from subqa.frames import INFER_MIN_SHARE, _FINER, grid_evidence, infer_fps

    def by_full_count(times):
        ev = grid_evidence(times)
        if not ev or ev[0].times < 100:
            return None
        fits = {e.fps: e for e in ev if e.share >= INFER_MIN_SHARE}
        for coarse, fine in _FINER.items():
            if coarse in fits:
                fits.pop(fine, None)
        return (next(iter(fits.values())).fps, next(iter(fits.values())).on_grid) \
            if len(fits) == 1 else None

    rng = random.Random(7)
    for frame in (40, 1001 / 24, 1001 / 30, 1000 / 24, None):
        for noise in (0, 3, 12, 40):
            times = []
            for k in range(300):
                t = rng.randrange(0, 5_000_000) if frame is None else round(rng.randrange(0, 90000) * frame)
                if rng.randrange(100) < noise:
                    t += rng.randrange(1, 20)
                times.append(t)
            got = infer_fps(times)
            assert (None if got is None else (got.fps, got.on_grid)) == by_full_count(times)
