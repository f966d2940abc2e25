using System.Text;
using MusicGen.Engine.Plans;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Prompting;

/// <summary>
/// Everything the composer needs, resolved: what the prompt (or plan) asked for, with genre defaults filled in.
/// <see cref="Understood"/> lists what was actually read from the text, so a caller can show it back.
/// Same brief + same <see cref="Seed"/> → identical score; other seeds give other takes of the same brief.
/// </summary>
public sealed record MusicBrief
{
    public string Prompt { get; init; } = "";
    public Genre Genre { get; init; } = Genre.Pop;
    public Mood Mood { get; init; } = Mood.Neutral;
    public double Bpm { get; init; } = 110;
    public Key Key { get; init; } = new(0, Mode.Major);
    public Meter Meter { get; init; } = Meter.FourFour;
    public double LengthSeconds { get; init; } = BriefLimits.DefaultLengthSeconds;

    /// <summary>Instruments the prompt asked for; the composer gives each of them a part.</summary>
    public IReadOnlyList<Instrument> Instruments { get; init; } = [];

    /// <summary>Instruments the prompt excluded ("no drums" excludes <see cref="Instrument.DrumKit"/>).</summary>
    public IReadOnlyList<Instrument> ExcludedInstruments { get; init; } = [];

    /// <summary>-0.3 … 0.3: shifts the genre's energy curve (calm lowers it, energetic raises it).</summary>
    public double EnergyBias { get; init; }

    public bool Instrumental { get; init; } = true;
    public IReadOnlyList<string> Lyrics { get; init; } = [];
    public ulong Seed { get; init; }

    /// <summary>When set, the score follows the plan's sections, durations and lines.</summary>
    public CompositionPlan? Plan { get; init; }

    /// <summary>What was read from the prompt, e.g. "genre: techno (\"techno\")", "tempo: 128 BPM".</summary>
    public IReadOnlyList<string> Understood { get; init; } = [];

    public bool HasDrums => !ExcludedInstruments.Contains(Instrument.DrumKit);

    /// <summary>One line for people: genre, mood, tempo, key, meter, length, instruments, seed.</summary>
    public string Describe()
    {
        var text = new StringBuilder()
            .Append(GenreNames.Display(Genre))
            .Append(", ").Append(Mood.ToString().ToLowerInvariant())
            .Append(", ").Append(Bpm.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)).Append(" BPM")
            .Append(", ").Append(Key)
            .Append(", ").Append(Meter)
            .Append(", ").Append(LengthSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)).Append(" s");
        if (Instruments.Count > 0)
        {
            text.Append(", with ").Append(string.Join(", ", Instruments));
        }

        if (ExcludedInstruments.Count > 0)
        {
            text.Append(", without ").Append(string.Join(", ", ExcludedInstruments));
        }

        text.Append(Instrumental ? ", instrumental" : ", with lyrics");
        return text.Append(", seed ").Append(Seed).ToString();
    }
}
