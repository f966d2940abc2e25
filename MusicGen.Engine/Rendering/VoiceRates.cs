using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Rendering;

/// <summary>
/// The rate a part's voices play at: the song's, half of it or a quarter. A part below the song's rate is upsampled as
/// a part (<see cref="PartUpsampler"/>), and a part of long, overlapping notes then costs about half or a quarter as
/// much. The part's inserts (tone, chorus, tape) run at the voices' rate too, before the upsampler: none of them adds
/// anything above its reach. Only from 44.1 kHz up: a part of a lower rate would lose the top of these voices' range.
/// </summary>
/// <remarks>
/// <para>
/// A part plays at a rate when it plays no higher than its instrument's top note for that rate: the highest at which the
/// voice keeps under a percent of its sound, at full energy, in the octave where the rate stops being flat and above it
/// (above 5.7 kHz at half the rate, whose reach is 9.9 kHz and the upsampler flat to 8 kHz; above 2.8 kHz at a quarter,
/// reach 5 kHz, flat to 4 kHz). The tops were set from short notes at full velocity (a filter envelope's attack at its
/// brightest) with the part's own cutoff pushed furthest (an acid or Reese phrase open), and the genres voice these parts
/// under them (<c>HalfRateTests</c>). A part that goes higher plays at the next rate up.
/// </para>
/// <para>
/// Besides: the organ at half the rate, its drawbars sines up to eight times the note, all within reach up to the D♯ two
/// octaves over middle C, its voice leaving out any above that, as it does at every rate; and the FM voices under a
/// low-pass that takes away everything above that reach anyway, their sound otherwise the same at either rate: the
/// e-piano under lo-fi's 9 kHz master low-pass, and hip-hop's dark bell under its part's 2.4 kHz one
/// (<see cref="PartTone.HipHopBellCutoffHz"/>: what its sidebands fold back from above 11 kHz is weak to begin with and
/// lands where that low-pass takes 25 dB off it). A plucked string's sound is not the same at half the rate: its loop
/// filter and excitation are set per sample. The supersaw keeps a percent above 5.7 kHz from B♭4 up and stays at the
/// full rate.
/// </para>
/// </remarks>
internal static class VoiceRates
{
    /// <summary>No top: the instrument plays at that rate whatever its notes.</summary>
    private const int AnyPitch = 127;

    /// <summary>A master low-pass at or under this leaves nothing the half rate (its band ends at 11 kHz) cannot carry.</summary>
    private const float HalfRateLowPassHz = 10000f;

    /// <summary>The song's rate over the rate <paramref name="part"/>'s voices play at: 1, 2 or 4.</summary>
    public static int Divisor(Part part, Genre genre, float sampleRate)
    {
        ArgumentNullException.ThrowIfNull(part);
        return Divisor(part.Instrument, genre, sampleRate, part.Notes.Count == 0 ? 0 : part.Notes.Max(n => n.Pitch));
    }

    /// <summary>The song's rate over the rate a part of <paramref name="instrument"/> up to <paramref name="highestPitch"/> plays at.</summary>
    public static int Divisor(Instrument instrument, Genre genre, float sampleRate, int highestPitch)
    {
        if (sampleRate < 44100f)
        {
            return 1;
        }

        if (highestPitch <= QuarterRateTop(instrument, genre))
        {
            return 4;
        }

        return highestPitch <= HalfRateTop(instrument, genre) ? 2 : 1;
    }

    /// <summary>The highest note a part plays at a quarter of the rate (−1: none).</summary>
    public static int QuarterRateTop(Instrument instrument, Genre genre) => instrument switch
    {
        Instrument.Strings => 60,
        Instrument.WarmPad => 72,
        Instrument.Choir => 79,
        Instrument.SubBass => 55,
        Instrument.ReeseBass => 52,
        Instrument.PluckBass => 64,

        // Techno's acid line opens its resonant filter by up to two octaves over a phrase: a few percent above 2.8 kHz.
        Instrument.SynthBass when genre is not Genre.Techno => 60,
        _ => -1,
    };

    /// <summary>The highest note a part plays at half the rate (−1: none).</summary>
    public static int HalfRateTop(Instrument instrument, Genre genre) => instrument switch
    {
        Instrument.WarmPad or Instrument.Strings or Instrument.Choir or Instrument.SubBass or Instrument.Organ => AnyPitch,
        Instrument.Piano => 84,
        Instrument.SynthBass or Instrument.ReeseBass or Instrument.PluckBass => 64,
        Instrument.ElectricPiano when GenreSound.For(genre).MasterLowPassHz is > 0f and <= HalfRateLowPassHz => AnyPitch,
        Instrument.Bell when genre is Genre.HipHop => AnyPitch,
        _ => -1,
    };
}
