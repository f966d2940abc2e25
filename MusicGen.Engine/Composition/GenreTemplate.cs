using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Composition;

/// <summary>
/// What makes a genre recognisable (see reference/genres.md): tempo range, swing and humanisation,
/// progressions per mode family, default form with energies, drum grids, bass and comping styles, palette.
/// </summary>
public sealed record GenreTemplate(
    Genre Genre,
    int MinBpm,
    int MaxBpm,
    int DefaultBpm,
    Mode DefaultMode,
    int[] CommonTonics,
    IReadOnlyList<string> MajorProgressions,
    IReadOnlyList<string> MinorProgressions,
    IReadOnlyList<FormSlot> Form,
    IReadOnlyList<DrumLayer> Drums,
    BassStyle Bass,
    Instrument BassInstrument,
    CompStyle Comp,
    Instrument CompInstrument,
    Instrument? PadInstrument,
    Instrument LeadInstrument,
    Instrument? ArpInstrument)
{
    /// <summary>0.5 = straight; applied to off-beat 8ths (or 16ths when <see cref="SwingSixteenths"/>).</summary>
    public double Swing { get; init; } = 0.5;
    public bool SwingSixteenths { get; init; }

    /// <summary>Standard deviation-like size of the 1/f timing drift in milliseconds; 0 keeps the genre quantised.</summary>
    public double TimingDriftMs { get; init; }

    /// <summary>Bars per chord (0.5 = two chords per bar).</summary>
    public double BarsPerChord { get; init; } = 1;

    /// <summary>Melody centre (MIDI) and how many notes per beat it tends to play.</summary>
    public int LeadCentre { get; init; } = 72;
    public double LeadDensity { get; init; } = 1.0;

    /// <summary>Energy range of the genre; the form's energies are mapped into it.</summary>
    public double MinEnergy { get; init; } = 0.2;
    public double MaxEnergy { get; init; } = 1.0;

    /// <summary>Sections whose roles repeat when a long song needs more material.</summary>
    public IReadOnlyList<SectionRole> LoopRoles { get; init; } = [SectionRole.Verse, SectionRole.Chorus];

    /// <summary>Chord (roman numeral) that leads into the final tonic.</summary>
    public string FinalCadence { get; init; } = "V";

    /// <summary>Other lead voices that suit the genre; the seed picks one, so takes of one brief sound different.</summary>
    public IReadOnlyList<Instrument> LeadAlternatives { get; init; } = [];

    public bool Electronic { get; init; }
    public bool UsesRisers { get; init; } = true;
    public bool SidechainPads { get; init; }
}
