using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Synthesis;

/// <summary>
/// How a genre's kit is tuned: kick sweep and length, snare body, brightness of metals. <see cref="TunedTo"/>
/// moves the pitched drums (kick tail, snare modes, toms, side stick) onto the song's key, as producers tune a kick
/// to the tonic: a kick left at its nominal pitch rings a note outside the key under every beat.
/// </summary>
public sealed record DrumKitStyle(float KickStartHz, float KickEndHz, float KickSweep, float KickDecay, float KickClick, float SnareTone, float SnareDecay, float MetalBrightness)
{
    /// <summary>Snare body (first mode); the second mode sits a fifth above it.</summary>
    public float SnareHz { get; init; } = 185f;

    /// <summary>Low tom; floor toms sit a fourth below it, mid and high toms a fourth and a fifth above.</summary>
    public float TomHz { get; init; } = 108f;

    public float SideStickHz { get; init; } = 420f;

    /// <summary>
    /// The timpani's tonic drum (GM high floor tom, 43); the dominant drum (low floor tom, 41) sits a fourth below
    /// it. 0: the kit has no timpani and those notes are floor toms.
    /// </summary>
    public float TimpaniHz { get; init; }

    /// <summary>Closed hat decay (τ, seconds). A tight hat (funk's 22 ms) keeps sixteenths apart as separate ticks.</summary>
    public float HatDecay { get; init; } = 0.045f;

    /// <summary>Crash decay (τ) and length, seconds; a shorter crash marks the downbeat without washing over the bar.</summary>
    public float CrashDecay { get; init; } = 0.6f;

    public float CrashLength { get; init; } = 2.8f;

    /// <summary>
    /// The 80s gated-reverb snare: a bright, dense room tail held at level and cut by a noise gate after this many
    /// seconds (0: a dry snare that rings out). <see cref="AtTempo"/> times it to the song.
    /// </summary>
    public float GateSeconds { get; init; }

    /// <summary>
    /// Techno's rumble: the kick's reverb, low-passed and ducked by the kick itself, a dark swell on the kick's note that
    /// fills the beat after each hit and is gone by the next. Seconds it lasts, a beat (<see cref="AtTempo"/> times it);
    /// 0: a kick without one.
    /// </summary>
    public float RumbleSeconds { get; init; }

    /// <summary>Semitones the hi-hats are tuned by (a pitched trap hat roll's stroke); 0: the kit's own.</summary>
    public int HatTune { get; init; }

    public static DrumKitStyle For(Genre genre) => genre switch
    {
        // Hip-hop and lo-fi end on a crash that should close the song, not wash over the fade: short and dark.
        Genre.HipHop => new(140f, 44f, 0.06f, 0.9f, 0.4f, 0.5f, 0.2f, 1.0f) { CrashDecay = 0.4f, CrashLength = 1.8f },
        Genre.LofiHipHop => new(120f, 52f, 0.035f, 0.35f, 0.3f, 0.6f, 0.16f, 0.6f) { CrashDecay = 0.35f, CrashLength = 1.6f },
        Genre.Techno => new(170f, 47f, 0.045f, 0.55f, 0.8f, 0.35f, 0.18f, 1.0f) { RumbleSeconds = 60f / 130f },
        Genre.House or Genre.Trance => new(160f, 50f, 0.04f, 0.42f, 0.7f, 0.4f, 0.18f, 1.0f),
        Genre.DrumAndBass => new(180f, 55f, 0.025f, 0.28f, 1.0f, 0.55f, 0.15f, 1.1f),
        Genre.Synthwave => new(150f, 50f, 0.035f, 0.4f, 0.6f, 0.6f, 0.28f, 0.9f) { GateSeconds = 0.2f },
        // A film score's low drums are timpani: between D2 and A#2 once tuned to the tonic, the dominant a fourth below.
        Genre.Cinematic => new(110f, 40f, 0.08f, 1.0f, 0.2f, 0.7f, 0.3f, 0.8f) { TimpaniHz = 98f },
        Genre.Jazz => new(110f, 60f, 0.02f, 0.25f, 0.2f, 0.7f, 0.16f, 0.7f),
        // Funk's kit is tight: ticking hats, a short snare (its ghost notes would otherwise smear into each other) and
        // short crashes. With a 45 ms hat, a 0.2 s snare and a 0.6 s crash the top octaves read as one continuous band.
        Genre.Funk => new(150f, 55f, 0.03f, 0.35f, 0.6f, 0.6f, 0.12f, 0.9f) { HatDecay = 0.022f, CrashDecay = 0.22f, CrashLength = 1.0f },
        _ => new(150f, 55f, 0.03f, 0.35f, 0.6f, 0.6f, 0.2f, 0.9f),
    };

    public static DrumKitStyle For(Genre genre, Key key) => For(genre).TunedTo(key.Tonic);

    /// <summary>
    /// The kit with its snare gate and its rumble timed to the tempo, as an engineer sets a gate's hold and a sidechain's
    /// release by the groove: the gate a dotted sixteenth (0.375 beats), which is the genre's ~200 ms at 112 BPM and closes
    /// before the next eighth at any tempo; the rumble a beat, so each one closes as the next kick lands.
    /// </summary>
    public DrumKitStyle AtTempo(double bpm) => bpm <= 0 ? this : this with
    {
        GateSeconds = GateSeconds > 0f ? (float)(0.375 * 60.0 / bpm) : 0f,
        RumbleSeconds = RumbleSeconds > 0f ? (float)(60.0 / bpm) : 0f,
    };

    /// <summary>
    /// The kit with its pitched drums (kick tail, snare body, low tom, side stick, timpani) moved to the nearest tonic,
    /// within a tritone of the genre's nominal tuning, so each drum keeps its character.
    /// </summary>
    public DrumKitStyle TunedTo(int tonicPitchClass) => this with
    {
        KickEndHz = Nearest(KickEndHz, tonicPitchClass),
        SnareHz = Nearest(SnareHz, tonicPitchClass),
        TomHz = Nearest(TomHz, tonicPitchClass),
        SideStickHz = Nearest(SideStickHz, tonicPitchClass),
        TimpaniHz = TimpaniHz > 0f ? Nearest(TimpaniHz, tonicPitchClass) : 0f,
    };

    /// <summary>The frequency of <paramref name="pitchClass"/> within a tritone of <paramref name="hz"/>.</summary>
    private static float Nearest(float hz, int pitchClass)
    {
        var midi = 69 + (12 * Math.Log2(hz / 440.0));
        var offset = (((pitchClass - midi) % 12) + 12) % 12;
        var target = midi + (offset > 6 ? offset - 12 : offset);
        return (float)(440.0 * Math.Pow(2, (Math.Round(target) - 69) / 12.0));
    }
}
