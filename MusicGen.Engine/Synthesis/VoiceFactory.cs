using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Synthesis;

/// <summary>
/// Turns a score note of an <see cref="Instrument"/> into a voice with that instrument's patch. Drum hits
/// play the genre kit's one-shots (<see cref="DrumSamples"/>), a few takes per sound (chosen by the note's seed)
/// so that repeated hits are not all identical. The kit's pitched drums are tuned to the song's key
/// (<see cref="DrumKitStyle.TunedTo"/>).
/// </summary>
/// <param name="bpm">The song's tempo, which times the gated snare (<see cref="DrumKitStyle.AtTempo"/>) and the longest a bell may ring; 0: the kit's own gate, the bell's own tail.</param>
public sealed class VoiceFactory(Genre genre, Key key, double bpm = 0)
{
    private const uint DrumTakes = 3;

    private static readonly SubtractivePatch SubBass = new(Waveform.Sine, 1, 0f, 400f, 0.7f, 0f, 0.2f, 0.004f, 0.3f, 0.85f, 0.09f) { KeyTrack = 0f, SubLevel = 0f, Level = 1.1f };
    private static readonly SubtractivePatch Bass808 = new(Waveform.Sine, 1, 0f, 400f, 0.7f, 0f, 0.2f, 0.002f, 1.6f, 0.0f, 0.25f) { KeyTrack = 0f, Level = 1.2f };
    private static readonly SubtractivePatch SynthBass = new(Waveform.Saw, 1, 0f, 260f, 1.2f, 2.5f, 0.12f, 0.003f, 0.25f, 0.7f, 0.06f) { SubLevel = 0.6f, KeyTrack = 0.3f, Level = 0.9f };
    // A 303-style line: one saw through a resonant 4-pole filter whose envelope snaps open on each note, more on accents.
    // The part's automation sweeps the base cutoff over the phrases (NoteContext.CutoffOctaves).
    private static readonly SubtractivePatch AcidBass = new(Waveform.Saw, 1, 0f, 320f, 4.5f, 2.4f, 0.16f, 0.002f, 0.3f, 0.55f, 0.05f) { SubLevel = 0.45f, KeyTrack = 0.3f, EnergyOctaves = 1f, AccentOctaves = 1.2f, AccentVelocity = 0.7f, Level = 0.78f, Poles = 4 };
    private static readonly SubtractivePatch ReeseBass = new(Waveform.Saw, 2, 14f, 420f, 0.9f, 0.8f, 0.4f, 0.01f, 0.3f, 0.9f, 0.1f) { SubLevel = 0.8f, KeyTrack = 0.2f, Level = 0.85f };
    private static readonly SubtractivePatch PluckBass = new(Waveform.Square, 1, 0f, 350f, 0.8f, 2.2f, 0.08f, 0.002f, 0.5f, 0.35f, 0.07f) { SubLevel = 0.5f, KeyTrack = 0.4f, Level = 0.85f };
    private static readonly SubtractivePatch Strings = new(Waveform.Saw, 3, 9f, 1800f, 0.6f, 0.4f, 0.6f, 0.18f, 0.5f, 0.85f, 0.45f) { VibratoCents = 12f, VibratoHz = 5.2f, KeyTrack = 0.4f, Level = 0.55f };
    private static readonly SubtractivePatch SupersawPad = new(Waveform.Saw, 5, 20f, 2400f, 0.6f, 0.6f, 1.2f, 0.25f, 1.0f, 0.8f, 0.8f) { KeyTrack = 0.3f, Level = 0.5f, EnergyOctaves = 2f };
    private static readonly SubtractivePatch WarmPad = new(Waveform.Saw, 3, 12f, 900f, 0.7f, 0.5f, 1.5f, 0.9f, 1.5f, 0.8f, 1.4f) { KeyTrack = 0.3f, Level = 0.55f };

    // Ambient's pads swell in over two seconds and fade over three, so chords dissolve into each other instead of
    // starting: the long attacks of the genre (1–3 s), where the warm pad's 0.9 s still reads as a keyboard chord.
    private static readonly SubtractivePatch AmbientPad = WarmPad with { Attack = 2.5f, Release = 5f };
    private static readonly SubtractivePatch AmbientStrings = Strings with { Attack = 2f, Release = 3.5f };
    private static readonly SubtractivePatch SawLead = new(Waveform.Saw, 2, 8f, 2200f, 1.1f, 1.5f, 0.25f, 0.008f, 0.4f, 0.75f, 0.12f) { VibratoCents = 18f, VibratoHz = 5.5f, VibratoDelay = 0.25f, Level = 0.6f };
    private static readonly SubtractivePatch SquareLead = new(Waveform.Square, 1, 0f, 2600f, 0.9f, 1.0f, 0.2f, 0.006f, 0.3f, 0.7f, 0.1f) { VibratoCents = 15f, VibratoHz = 5.5f, Level = 0.55f };
    private static readonly SubtractivePatch Brass = new(Waveform.Saw, 2, 6f, 700f, 0.8f, 1.6f, 0.5f, 0.04f, 0.4f, 0.8f, 0.15f) { FilterAttack = 0.08f, VibratoCents = 10f, VibratoHz = 5f, VibratoDelay = 0.4f, Level = 0.6f };
    private static readonly SubtractivePatch Choir = new(Waveform.Saw, 3, 10f, 1300f, 0.7f, 0f, 1f, 0.35f, 0.5f, 0.9f, 0.6f) { FormantHz = 750f, VibratoCents = 14f, VibratoHz = 4.8f, KeyTrack = 0.2f, Level = 0.55f };
    private static readonly SubtractivePatch SynthwaveLead = new(Waveform.Saw, 3, 10f, 3000f, 1.0f, 1.0f, 0.3f, 0.01f, 0.5f, 0.8f, 0.2f) { VibratoCents = 15f, VibratoHz = 5.5f, Level = 0.55f };

    private static readonly FmPatch ElectricPiano = new(1f, 1.4f, 0.35f, 1.6f, 0.25f) { TineRatio = 14f, TineLevel = 0.25f, Level = 0.8f };
    private static readonly FmPatch LofiKeys = new(1f, 0.9f, 0.3f, 1.4f, 0.3f) { TineRatio = 14f, TineLevel = 0.12f, TremoloHz = 4.5f, Level = 0.8f };
    private static readonly FmPatch Bell = new(3.5f, 2.2f, 0.8f, 2.4f, 1.2f) { Level = 0.5f, Detune = 0.001f };

    // Hip-hop's bell is the dark one of trap and boom-bap loops: half the index and its sidebands gone within a
    // third of a second, so the note is a soft strike with a round, nearly pure tail (the part also runs through
    // a low-pass, PartTone).
    private static readonly FmPatch DarkBell = new(3.5f, 1.1f, 0.3f, 1.8f, 0.8f) { Level = 0.6f, Detune = 0.0015f };

    private static readonly AdditivePatch Piano = new(
        [1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f],
        [1f, 0.62f, 0.32f, 0.22f, 0.14f, 0.09f, 0.06f, 0.04f, 0.025f, 0.015f],
        [4.5f, 3.0f, 2.0f, 1.5f, 1.1f, 0.9f, 0.7f, 0.6f, 0.5f, 0.4f],
        0.002f,
        0.22f) { Inharmonicity = 0.0004f, HammerNoise = 0.25f, VelocityBrightness = 0.8f, DecayKeyScaling = 0.45f, Level = 1f };

    // House's stab piano is the bright, short M1-style piano of its records: its upper partials (to the tenth) several
    // times the acoustic piano's and decaying more evenly, so a stab in the fifth octave carries some ten times the
    // energy above 2.8 kHz and the drop's filter sweeps have something to sweep.
    private static readonly AdditivePatch HousePiano = Piano with
    {
        Levels = [1f, 0.8f, 0.55f, 0.45f, 0.35f, 0.28f, 0.22f, 0.18f, 0.14f, 0.1f],
        Decays = [2.5f, 2.0f, 1.6f, 1.3f, 1.1f, 0.9f, 0.8f, 0.7f, 0.6f, 0.5f],
        HammerNoise = 0.35f,
        VelocityBrightness = 0.5f,
    };

    private static readonly AdditivePatch Organ = new(
        [0.5f, 1f, 2f, 3f, 4f, 6f, 8f],
        [0.7f, 1f, 0.7f, 0.4f, 0.35f, 0.15f, 0.1f],
        [0f, 0f, 0f, 0f, 0f, 0f, 0f],
        0.006f,
        0.08f) { VibratoHz = 6.5f, VibratoDepth = 0.0015f, VelocityBrightness = 0f, DecayKeyScaling = 0f, Level = 0.6f };

    private readonly DrumKitStyle baseKit = DrumKitStyle.For(genre).AtTempo(bpm);

    /// <summary>
    /// The bell, its release cut to die away (−60 dB) within <see cref="BellTailBeats"/> at fast tempos: at drum &amp;
    /// bass's 175 BPM a bell let go every few tenths of a second would otherwise ring for 8 s, a smear of 30 voices
    /// over the lead, and the render's largest cost.
    /// </summary>
    private readonly FmPatch bell = BellAtTempo(genre == Genre.HipHop ? DarkBell : Bell, bpm);

    /// <summary>
    /// Drum and bass's breakdowns (and intro and outro, under <see cref="QuietEnergy"/>) ring the dark bell: the drop's
    /// bright strike would cut through a breakdown that has only pads and the bell to carry it.
    /// </summary>
    private readonly FmPatch quietBell = BellAtTempo(DarkBell, bpm);

    /// <summary>Section energy under which drum and bass's bell is the dark one.</summary>
    public const float QuietEnergy = 0.5f;

    /// <summary>Beats within which a let-go bell falls 60 dB.</summary>
    public const double BellTailBeats = 16;

    private static FmPatch BellAtTempo(FmPatch patch, double bpm)
    {
        // −60 dB is 6.9 time constants.
        var longest = bpm > 0 ? (float)(BellTailBeats * 60.0 / bpm / 6.9) : patch.Release;
        return longest < patch.Release ? patch with { Release = longest } : patch;
    }

    private readonly DrumKitStyle?[] tunedKits = new DrumKitStyle?[12];
    private readonly DrumKitStyle?[] dryKits = new DrumKitStyle?[12];

    public Voice? Create(Instrument instrument, in NoteContext note) => instrument switch
    {
        Instrument.DrumKit => DrumVoice.SoundFor(note.Pitch) is { } sound ? new SampledDrumVoice(sound, OneShot(sound, note), note.Velocity, note.SampleRate) : null,
        Instrument.UprightBass => new KarplusStrongVoice(note, 1.6f, 0.15f, 1.3f),
        Instrument.ElectricPiano => new FmVoice(genre == Genre.LofiHipHop ? LofiKeys : ElectricPiano, note),
        Instrument.Piano => new AdditiveVoice(genre == Genre.House ? HousePiano : Piano, note),
        Instrument.Organ => new AdditiveVoice(Organ, note),
        Instrument.Pluck => new KarplusStrongVoice(note, 0.9f, 0.85f, 0.7f),
        Instrument.CleanGuitar => new KarplusStrongVoice(note, genre == Genre.LofiHipHop ? 1.2f : 2.5f, genre == Genre.LofiHipHop ? 0.35f : 0.6f, 0.8f),
        Instrument.DistortedGuitar => new KarplusStrongVoice(note, 3.5f, 0.7f, 0.9f),
        Instrument.Bell => new FmVoice(genre == Genre.DrumAndBass && note.Energy < QuietEnergy ? quietBell : bell, note),
        Instrument.NoiseRiser => new NoiseRiserVoice(note),
        _ => Subtractive(instrument) is { } patch ? new SubtractiveVoice(patch, note) : null,
    };

    /// <summary>
    /// Whether velocity only scales the instrument's output, so that one rendering serves every velocity; false
    /// where it also shapes the tone (a piano's or e-piano's brightness, a pluck's attack, an acid line's accents).
    /// </summary>
    public bool VelocityOnlyScales(Instrument instrument) =>
        instrument == Instrument.Organ ? Organ.VelocityBrightness == 0 : Subtractive(instrument) is { AccentOctaves: 0 };

    private SubtractivePatch? Subtractive(Instrument instrument) => instrument switch
    {
        Instrument.SubBass => genre == Genre.HipHop ? Bass808 : SubBass,
        Instrument.SynthBass => genre == Genre.Techno ? AcidBass : SynthBass,
        Instrument.ReeseBass => ReeseBass,
        Instrument.PluckBass => PluckBass,
        Instrument.Strings => genre == Genre.Ambient ? AmbientStrings : Strings,
        Instrument.SupersawPad => SupersawPad,
        Instrument.WarmPad => genre == Genre.Ambient ? AmbientPad : WarmPad,
        Instrument.SawLead => genre == Genre.Synthwave ? SynthwaveLead : SawLead,
        Instrument.SquareLead => SquareLead,
        Instrument.Brass => Brass,
        Instrument.Choir => Choir,
        _ => null,
    };

    private float[] OneShot(DrumSound sound, in NoteContext note)
    {
        // Only toms are tuned by pitch; the other sounds are the same whatever drum note names them.
        // Cymbals ring for seconds and overlap, so one take each is enough (and their takes are the costly ones).
        var takes = sound is DrumSound.Crash or DrumSound.Ride ? 1u : DrumTakes;

        // After a key change the pitched drums move with the song, as a producer transposes a tuned kick with it: the
        // kick's tail and the timpani would otherwise ring the old tonic under the new key. The other sounds have no
        // pitch, so every key shares their one-shots.
        var pitched = sound is DrumSound.Kick or DrumSound.Snare or DrumSound.Tom or DrumSound.SideStick;
        var kit = pitched ? TunedKit(note.KeyTonic ?? key.Tonic) : HatKit(sound, note.HatTune);
        if (sound == DrumSound.Kick && note.Pitch == DrumVoice.DryKick && kit.RumbleSeconds > 0f)
        {
            kit = dryKits[note.KeyTonic ?? key.Tonic] ??= kit with { RumbleSeconds = 0f };
        }

        return DrumSamples.Get(kit, sound, sound == DrumSound.Tom ? note.Pitch : 0, (int)(note.Seed % takes), note.SampleRate);
    }

    private DrumKitStyle TunedKit(int tonic) => tunedKits[tonic] ??= baseKit.TunedTo(tonic);

    /// <summary>The kit with its hats tuned for a pitched roll's stroke; the kit itself for any other sound.</summary>
    private DrumKitStyle HatKit(DrumSound sound, int semitones) =>
        semitones == 0 || sound is not (DrumSound.ClosedHat or DrumSound.PedalHat or DrumSound.OpenHat) ? baseKit : baseKit with { HatTune = semitones };
}
