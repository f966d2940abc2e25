namespace MusicGen.Engine.Scores;

/// <summary>
/// The voices the renderer can play. <see cref="DrumKit"/> parts carry General MIDI drum note numbers
/// (36 kick, 38 snare, 39 clap, 42 closed hat, 46 open hat, 49 crash, 51 ride, 45/48/50 toms,
/// 37 side stick, 70 shaker); every other part carries pitched MIDI notes.
/// </summary>
public enum Instrument
{
    DrumKit,
    SubBass,
    SynthBass,
    ReeseBass,
    PluckBass,
    UprightBass,
    ElectricPiano,
    Piano,
    Organ,
    Strings,
    SupersawPad,
    WarmPad,
    Pluck,
    CleanGuitar,
    DistortedGuitar,
    SawLead,
    SquareLead,
    Bell,
    Brass,
    Choir,
    NoiseRiser,
}

public static class InstrumentInfo
{
    /// <summary>General MIDI program (0-based) used when the part is written to a MIDI file.</summary>
    public static int GmProgram(Instrument instrument) => instrument switch
    {
        Instrument.DrumKit => 0,
        Instrument.SubBass => 38,
        Instrument.SynthBass => 38,
        Instrument.ReeseBass => 39,
        Instrument.PluckBass => 33,
        Instrument.UprightBass => 32,
        Instrument.ElectricPiano => 4,
        Instrument.Piano => 0,
        Instrument.Organ => 16,
        Instrument.Strings => 48,
        Instrument.SupersawPad => 90,
        Instrument.WarmPad => 89,
        Instrument.Pluck => 84,
        Instrument.CleanGuitar => 27,
        Instrument.DistortedGuitar => 30,
        Instrument.SawLead => 81,
        Instrument.SquareLead => 80,
        Instrument.Bell => 14,
        Instrument.Brass => 61,
        Instrument.Choir => 52,
        Instrument.NoiseRiser => 122,
        _ => 0,
    };
}
