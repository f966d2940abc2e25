using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Composition;

/// <summary>The 14 genre templates (reference/genres.md). Roman numerals are read in the song's mode.</summary>
public static class GenreTemplates
{
    private const int Kick = 36, Snare = 38, Clap = 39, Hat = 42, OpenHat = 46, Ride = 51, LowTom = 45, MidTom = 48, Rim = 37, Shaker = 70;

    private static readonly Dictionary<Genre, GenreTemplate> All = Build().ToDictionary(t => t.Genre);

    public static GenreTemplate For(Genre genre) => All[genre];

    private static IEnumerable<GenreTemplate> Build()
    {
        yield return new GenreTemplate(
            Genre.LofiHipHop, 70, 90, 82, Mode.Minor, [9, 2, 4, 5, 7, 0],
            ["ii7 V7 Imaj7 vi7", "Imaj7 vi7 ii7 V7", "IVmaj7 iii7 ii7 Imaj7", "Imaj7 IVmaj7 iii7 vi7"],
            ["i7 iv7 VImaj7 v7", "i7 iv7 v7 i7", "VImaj7 v7 i7 iv7", "i7 VImaj7 iv7 v7"],
            [new("Intro", SectionRole.Intro, 4, 0.3), new("A", SectionRole.Verse, 8, 0.45), new("B", SectionRole.Chorus, 8, 0.6),
             new("A", SectionRole.Verse, 8, 0.5), new("Outro", SectionRole.Outro, 4, 0.3)],
            [new(Kick, "x..x..x...x.....", 0.25, Velocity: 96), new(Snare, "....x.......x...", 0.3, Velocity: 88),
             new(Hat, "x.x.x.x.x.x.x.x.", 0.35, Velocity: 62), new(OpenHat, "..............x.", 0.55, Velocity: 55),
             new(Rim, "...........g....", 0.45, Velocity: 70)],
            BassStyle.LofiRoots, Instrument.SubBass, CompStyle.LazyRhodes, Instrument.ElectricPiano, Instrument.WarmPad,
            Instrument.CleanGuitar, null)
        {
            LeadAlternatives = [Instrument.CleanGuitar, Instrument.ElectricPiano, Instrument.Bell], Swing = 0.6, TimingDriftMs = 12, LeadCentre = 70, LeadDensity = 0.8, MinEnergy = 0.3, MaxEnergy = 0.6,
            LoopRoles = [SectionRole.Verse, SectionRole.Chorus], FinalCadence = "V7", UsesRisers = false,
        };

        yield return new GenreTemplate(
            Genre.HipHop, 80, 160, 90, Mode.Minor, [1, 4, 5, 6, 9, 11],
            ["vi IV I V", "I vi IV V"],
            ["i VI i VI", "i iv i iv", "i VI iv V", "i i VI VII", "i iv VI V"],
            [new("Intro", SectionRole.Intro, 8, 0.4), new("Hook", SectionRole.Chorus, 16, 0.85), new("Verse 1", SectionRole.Verse, 16, 0.65),
             new("Hook", SectionRole.Chorus, 16, 0.9), new("Verse 2", SectionRole.Verse, 16, 0.7), new("Hook", SectionRole.Chorus, 16, 0.95),
             new("Outro", SectionRole.Outro, 8, 0.4)],
            [new(Kick, "x.....x.x.x.....", 0.3, Velocity: 110), new(Snare, "....x.......x...", 0.35, Velocity: 105),
             new(Hat, "x.x.x.x.x.x.x.x.", 0.45, Velocity: 75), new(OpenHat, "..............x.", 0.75, Velocity: 70)],
            BassStyle.KickLocked, Instrument.SubBass, CompStyle.Sustain, Instrument.Piano, Instrument.WarmPad,
            Instrument.Bell, null)
        {
            LeadAlternatives = [Instrument.Bell, Instrument.Piano, Instrument.Pluck], Swing = 0.56, TimingDriftMs = 8, LeadCentre = 70, LeadDensity = 0.9, MinEnergy = 0.35, MaxEnergy = 0.95,
            LoopRoles = [SectionRole.Verse, SectionRole.Chorus], FinalCadence = "V",
        };

        yield return new GenreTemplate(
            Genre.Pop, 100, 130, 116, Mode.Major, [0, 7, 2, 9, 5, 4],
            ["I V vi IV", "vi IV I V", "I vi IV V", "IV I V vi", "I IV vi V"],
            ["i VI III VII", "i iv VI V", "VI VII i i", "i VII VI VII"],
            [new("Intro", SectionRole.Intro, 4, 0.4), new("Verse 1", SectionRole.Verse, 8, 0.5), new("Pre-Chorus", SectionRole.PreChorus, 4, 0.65),
             new("Chorus", SectionRole.Chorus, 8, 0.9), new("Verse 2", SectionRole.Verse, 8, 0.55), new("Pre-Chorus", SectionRole.PreChorus, 4, 0.7),
             new("Chorus", SectionRole.Chorus, 8, 0.9), new("Bridge", SectionRole.Bridge, 8, 0.4), new("Final Chorus", SectionRole.Chorus, 16, 1.0),
             new("Outro", SectionRole.Outro, 4, 0.45)],
            [new(Kick, "x...x...x...x...", 0.35, Velocity: 108), new(Clap, "....x.......x...", 0.4, Velocity: 100),
             // Hats change by section instead of piling up: eighths in the verse, a light off-beat shaker joins
             // in the pre-chorus, the chorus swaps it for open hats and a few 16th ghosts. A 16th shaker over
             // 16th hats in every chorus stood as one 4–22 kHz band through the song.
             new(Hat, "x.x.x.x.x.x.x.x.", 0.45, 0.85, Velocity: 72), new(Hat, "x.x.x..gx.x.x..g", 0.85, Velocity: 74),
             new(OpenHat, "......x.......x.", 0.8, Velocity: 66), new(Shaker, "..g...x...g...x.", 0.6, 0.85, Velocity: 55)],
            BassStyle.PopPulse, Instrument.PluckBass, CompStyle.Block, Instrument.Piano, Instrument.WarmPad,
            Instrument.Pluck, null)
        {
            LeadAlternatives = [Instrument.Pluck, Instrument.SquareLead, Instrument.Bell], TimingDriftMs = 4, LeadCentre = 72, LeadDensity = 1.1, MinEnergy = 0.35, MaxEnergy = 1.0,
            LoopRoles = [SectionRole.Verse, SectionRole.PreChorus, SectionRole.Chorus],
        };

        yield return new GenreTemplate(
            Genre.Rock, 100, 140, 124, Mode.Major, [4, 9, 2, 7, 0],
            ["I IV V IV", "I bVII IV I", "vi IV I V", "I V IV IV", "I IV vi V"],
            ["i VI VII i", "i VII VI VII", "i iv VII i", "i VI III VII"],
            [new("Intro", SectionRole.Intro, 4, 0.6), new("Verse 1", SectionRole.Verse, 8, 0.6), new("Chorus", SectionRole.Chorus, 8, 0.9),
             new("Verse 2", SectionRole.Verse, 8, 0.65), new("Chorus", SectionRole.Chorus, 8, 0.9), new("Solo", SectionRole.Solo, 8, 0.85),
             new("Bridge", SectionRole.Bridge, 8, 0.5), new("Final Chorus", SectionRole.Chorus, 8, 1.0), new("Outro", SectionRole.Outro, 4, 0.7)],
            [new(Kick, "x.....x.x.x.....", 0.3, Velocity: 112), new(Snare, "....x.......x...", 0.3, Velocity: 112),
             new(Hat, "x.x.x.x.x.x.x.x.", 0.3, 0.82, Velocity: 80), new(Ride, "x.x.x.x.x.x.x.x.", 0.82, Velocity: 85)],
            BassStyle.RockEighths, Instrument.PluckBass, CompStyle.PowerChords, Instrument.DistortedGuitar, Instrument.Organ,
            Instrument.DistortedGuitar, null)
        {
            TimingDriftMs = 5, LeadCentre = 70, LeadDensity = 1.0, MinEnergy = 0.5, MaxEnergy = 1.0,
            LoopRoles = [SectionRole.Verse, SectionRole.Chorus], UsesRisers = false,
        };

        yield return new GenreTemplate(
            Genre.House, 120, 128, 124, Mode.Minor, [9, 5, 7, 0, 2],
            ["vi IV I V", "I vi IV V", "IVmaj7 iii7 vi7 vi7", "ii7 V7 Imaj7 Imaj7"],
            ["i7 iv7 i7 iv7", "i7 VImaj7 iv7 v7", "i9 i9 iv9 iv9", "VI VII i i"],
            [new("Intro", SectionRole.Intro, 16, 0.45), new("Build", SectionRole.Build, 16, 0.6), new("Main", SectionRole.Chorus, 32, 0.85),
             new("Breakdown", SectionRole.Breakdown, 16, 0.3), new("Build", SectionRole.Build, 8, 0.65), new("Drop", SectionRole.Drop, 32, 1.0),
             new("Outro", SectionRole.Outro, 16, 0.45)],
            [new(Kick, "x...x...x...x...", 0.4, Velocity: 115), new(Clap, "....x.......x...", 0.55, Velocity: 100),
             new(OpenHat, "..x...x...x...x.", 0.5, Velocity: 80), new(Hat, "x.x.x.x.x.x.x.x.", 0.62, Velocity: 60),
             new(Shaker, "gxgxgxgxgxgxgxgx", 0.75, Velocity: 55)],
            BassStyle.HouseOffbeat, Instrument.SynthBass, CompStyle.OffbeatStabs, Instrument.Piano, Instrument.WarmPad,
            Instrument.Pluck, null)
        {
            LeadAlternatives = [Instrument.Pluck, Instrument.Organ, Instrument.Bell], TimingDriftMs = 2, Swing = 0.54, SwingSixteenths = true, LeadCentre = 72, LeadDensity = 0.9, MinEnergy = 0.3, MaxEnergy = 1.0,
            LoopRoles = [SectionRole.Chorus, SectionRole.Breakdown, SectionRole.Build, SectionRole.Drop], FinalCadence = "iv7",
            Electronic = true, SidechainPads = true,
        };

        yield return new GenreTemplate(
            Genre.Techno, 125, 140, 130, Mode.Minor, [9, 5, 7, 2, 0, 4],
            ["I I I I"],
            ["i i i i", "i i bII i", "i i iv i", "i i VI VII"],
            [new("Intro", SectionRole.Intro, 32, 0.6), new("Groove", SectionRole.Verse, 32, 0.75), new("Peak", SectionRole.Drop, 32, 0.95),
             new("Break", SectionRole.Breakdown, 16, 0.6), new("Peak", SectionRole.Drop, 32, 0.95), new("Outro", SectionRole.Outro, 32, 0.65)],
            [new(Kick, "x...x...x...x...", 0.55, Velocity: 120), new(Hat, "..x...x...x...x.", 0.6, 0.8, Velocity: 85),
             // At the peak the off-beat opens and the closed hat a 16th later chokes it: an open hat struck with
             // a closed one on the same step was never choked and rang into the next, a continuous broadband wash.
             new(OpenHat, "..x...x...x...x.", 0.8, Velocity: 80), new(Hat, "g..xg..xg..xg..x", 0.8, Velocity: 80), new(Clap, "....x.......x...", 0.7, Velocity: 90),
             new(Shaker, "xgxgxgxgxgxgxgxg", 0.85, Velocity: 70), new(Rim, "..g..g....g..g..", 0.72, Velocity: 75)],
            BassStyle.TechnoOffbeat, Instrument.SynthBass, CompStyle.TechnoStab, Instrument.SupersawPad, null,
            Instrument.SawLead, null)
        {
            LeadAlternatives = [Instrument.SawLead, Instrument.SquareLead], LeadCentre = 60, LeadDensity = 2.0, MinEnergy = 0.6, MaxEnergy = 0.95, BarsPerChord = 4,
            LoopRoles = [SectionRole.Verse, SectionRole.Drop, SectionRole.Breakdown], FinalCadence = "i", Electronic = true,
        };

        yield return new GenreTemplate(
            Genre.Trance, 130, 145, 138, Mode.Minor, [9, 5, 7, 2, 4],
            ["vi IV I V", "I V vi IV"],
            ["i VI III VII", "i VI VII i", "VI VII i i", "i iv VI VII"],
            [new("Intro", SectionRole.Intro, 32, 0.5), new("Build", SectionRole.Build, 16, 0.65), new("Breakdown", SectionRole.Breakdown, 32, 0.35),
             new("Build", SectionRole.Build, 16, 0.7), new("Drop", SectionRole.Drop, 32, 1.0), new("Outro", SectionRole.Outro, 32, 0.5)],
            [new(Kick, "x...x...x...x...", 0.45, Velocity: 118), new(OpenHat, "..x...x...x...x.", 0.45, Velocity: 82),
             new(Clap, "....x.......x...", 0.55, Velocity: 100), new(Hat, "gggggggggggggggg", 0.75, Velocity: 70)],
            BassStyle.TranceRolling, Instrument.SynthBass, CompStyle.Sustain, Instrument.SupersawPad, null,
            Instrument.SawLead, Instrument.Pluck)
        {
            LeadAlternatives = [Instrument.SawLead, Instrument.SquareLead], LeadCentre = 72, LeadDensity = 1.4, MinEnergy = 0.3, MaxEnergy = 1.0,
            LoopRoles = [SectionRole.Breakdown, SectionRole.Build, SectionRole.Drop], FinalCadence = "VII", Electronic = true, SidechainPads = true,
        };

        yield return new GenreTemplate(
            Genre.DrumAndBass, 160, 180, 174, Mode.Minor, [5, 7, 9, 2, 4],
            ["vi IV I V", "I iii vi IV"],
            ["i VI VII i", "i iv i iv", "i VI iv VII", "i i VI VII"],
            [new("Intro", SectionRole.Intro, 16, 0.45), new("Drop", SectionRole.Drop, 32, 0.95), new("Breakdown", SectionRole.Breakdown, 16, 0.4),
             new("Drop", SectionRole.Drop, 32, 1.0), new("Outro", SectionRole.Outro, 16, 0.45)],
            [new(Kick, "x.........x.....", 0.5, Velocity: 118), new(Snare, "....x.......x...", 0.5, Velocity: 112),
             new(Snare, ".......g.g....g.", 0.75, Velocity: 100), new(Hat, "xgxgxgxgxgxgxgxg", 0.4, Velocity: 72),
             new(OpenHat, "..........x.....", 0.85, Velocity: 65), new(Shaker, "gggggggggggggggg", 0.6, Velocity: 60)],
            BassStyle.Reese, Instrument.ReeseBass, CompStyle.Sustain, Instrument.WarmPad, null,
            Instrument.Bell, null)
        {
            LeadAlternatives = [Instrument.Bell, Instrument.Pluck, Instrument.SawLead], TimingDriftMs = 2, LeadCentre = 72, LeadDensity = 0.7, MinEnergy = 0.4, MaxEnergy = 1.0,
            LoopRoles = [SectionRole.Drop, SectionRole.Breakdown], FinalCadence = "VII", Electronic = true, SidechainPads = true,
        };

        // The final chorus (energy 1.0) lifts the backbeat by doubling the snare with a clap through the same gate.
        yield return new GenreTemplate(
            Genre.Synthwave, 80, 118, 100, Mode.Minor, [9, 4, 2, 5, 7],
            ["vi IV I V", "I V vi IV", "IV V vi vi"],
            ["i VI III VII", "i VI VII VII", "i iv VI VII", "VI VII i i"],
            [new("Intro", SectionRole.Intro, 8, 0.45), new("Verse 1", SectionRole.Verse, 16, 0.6), new("Chorus", SectionRole.Chorus, 16, 0.85),
             new("Verse 2", SectionRole.Verse, 16, 0.65), new("Chorus", SectionRole.Chorus, 16, 0.9), new("Bridge", SectionRole.Bridge, 8, 0.45),
             new("Final Chorus", SectionRole.Chorus, 16, 1.0), new("Outro", SectionRole.Outro, 8, 0.45)],
            [new(Kick, "x...x...x...x...", 0.4, Velocity: 112), new(Snare, "....x.......x...", 0.45, Velocity: 110),
             new(Hat, "x.x.x.x.x.x.x.x.", 0.4, 0.75, Velocity: 70), new(Hat, "xgxgxgxgxgxgxgxg", 0.75, Velocity: 72),
             new(OpenHat, "..............x.", 0.85, Velocity: 65), new(Clap, "....x.......x...", 0.95, Velocity: 90)],
            BassStyle.OctavePulse, Instrument.SynthBass, CompStyle.Sustain, Instrument.SupersawPad, null,
            Instrument.SawLead, Instrument.Pluck)
        {
            LeadAlternatives = [Instrument.SawLead, Instrument.SquareLead], LeadCentre = 70, LeadDensity = 1.0, MinEnergy = 0.4, MaxEnergy = 1.0,
            LoopRoles = [SectionRole.Verse, SectionRole.Chorus], FinalCadence = "VII", Electronic = true,
        };

        yield return new GenreTemplate(
            Genre.Ambient, 60, 90, 70, Mode.Lydian, [2, 4, 7, 9, 0, 5],
            ["Imaj7 IVmaj7 vi9 IVmaj7", "Isus2 IVmaj7 Imaj7 vi7", "Imaj7 iii7 IVmaj7 Isus2"],
            ["i9 VImaj7 iv9 i9", "i7 VImaj7 IIImaj7 VII", "isus2 iv9 VImaj7 isus2"],
            [new("Dawn", SectionRole.Intro, 8, 0.15), new("Drift", SectionRole.Verse, 16, 0.3), new("Bloom", SectionRole.Chorus, 16, 0.4),
             new("Drift", SectionRole.Verse, 16, 0.3), new("Dusk", SectionRole.Outro, 8, 0.15)],
            [new(Shaker, "x...x...x...x...", 0.36, Velocity: 40)],
            BassStyle.Drone, Instrument.SubBass, CompStyle.Sustain, Instrument.WarmPad, Instrument.Strings,
            Instrument.Bell, null)
        {
            LeadAlternatives = [Instrument.Bell, Instrument.Pluck], LeadCentre = 72, LeadDensity = 0.35, MinEnergy = 0.1, MaxEnergy = 0.4, BarsPerChord = 2,
            LoopRoles = [SectionRole.Verse, SectionRole.Chorus], FinalCadence = "IVmaj7", UsesRisers = false,
        };

        yield return new GenreTemplate(
            Genre.Cinematic, 70, 110, 90, Mode.Minor, [2, 7, 0, 9, 4],
            ["I V vi IV", "I IV vi V", "vi IV I V"],
            ["i VI III VII", "i iv VI V", "i VI VII i", "i i VI VII"],
            [new("Opening", SectionRole.Intro, 8, 0.2), new("Rise", SectionRole.Build, 16, 0.5), new("Climax", SectionRole.Chorus, 16, 0.9),
             new("Reflection", SectionRole.Breakdown, 8, 0.3), new("Final Climax", SectionRole.Drop, 16, 1.0), new("Resolution", SectionRole.Outro, 4, 0.3)],
            [new(LowTom, "x.....x.x.......", 0.45, Velocity: 110), new(Kick, "x.......x.......", 0.6, Velocity: 112),
             new(MidTom, "....x.......x.x.", 0.8, Velocity: 95)],
            BassStyle.Pedal, Instrument.Strings, CompStyle.Ostinato, Instrument.Strings, Instrument.Choir,
            Instrument.Brass, null)
        {
            LeadAlternatives = [Instrument.Brass, Instrument.Strings], TimingDriftMs = 6, LeadCentre = 68, LeadDensity = 0.6, MinEnergy = 0.2, MaxEnergy = 1.0,
            LoopRoles = [SectionRole.Build, SectionRole.Chorus, SectionRole.Breakdown], FinalCadence = "V",
        };

        yield return new GenreTemplate(
            Genre.Jazz, 60, 180, 132, Mode.Major, [5, 10, 0, 3, 7],
            ["ii7 V7 Imaj7 Imaj7", "Imaj7 vi7 ii7 V7", "iii7 vi7 ii7 V7", "Imaj7 IV7 iii7 VI7", "ii7 V7 iii7 VI7"],
            ["ii7 V7 i7 i7", "i7 vi7 ii7 V7", "i7 iv7 VII7 IIImaj7", "i7 i7 ii7 V7"],
            [new("Head A", SectionRole.Verse, 8, 0.5), new("Head A", SectionRole.Verse, 8, 0.55), new("Head B", SectionRole.Bridge, 8, 0.6),
             new("Head A", SectionRole.Verse, 8, 0.55), new("Solo", SectionRole.Solo, 32, 0.8), new("Head A", SectionRole.Verse, 8, 0.6),
             new("Head A", SectionRole.Chorus, 8, 0.6), new("Head B", SectionRole.Bridge, 8, 0.65), new("Head A", SectionRole.Verse, 8, 0.55)],
            [new(Ride, "x...x.x.x...x.x.", 0.2, Velocity: 68), new(Hat, "....x.......x...", 0.3, Velocity: 60),
             new(Kick, "x...............", 0.55, Velocity: 55)],
            BassStyle.Walking, Instrument.UprightBass, CompStyle.JazzComp, Instrument.Piano, null,
            Instrument.Brass, null)
        {
            LeadAlternatives = [Instrument.Brass, Instrument.SawLead], Swing = 0.66, TimingDriftMs = 10, LeadCentre = 70, LeadDensity = 1.4, MinEnergy = 0.4, MaxEnergy = 0.8,
            LoopRoles = [SectionRole.Verse, SectionRole.Solo], FinalCadence = "V7", UsesRisers = false,
        };

        yield return new GenreTemplate(
            Genre.ClassicalPiano, 60, 120, 84, Mode.Major, [0, 7, 2, 5, 9, 4],
            ["I IV V I", "I vi ii V", "I V vi IV", "I ii V7 I", "vi ii V I"],
            ["i iv V i", "i VI iv V", "i iv VII III", "i ii° V i"],
            [new("A", SectionRole.Verse, 8, 0.4), new("A'", SectionRole.Verse, 8, 0.5), new("B", SectionRole.Bridge, 8, 0.65),
             new("A", SectionRole.Chorus, 8, 0.55), new("Coda", SectionRole.Outro, 4, 0.35)],
            [],
            BassStyle.None, Instrument.Piano, CompStyle.Alberti, Instrument.Piano, null,
            Instrument.Piano, null)
        {
            TimingDriftMs = 14, LeadCentre = 72, LeadDensity = 1.2, MinEnergy = 0.25, MaxEnergy = 0.75,
            LoopRoles = [SectionRole.Verse, SectionRole.Bridge, SectionRole.Chorus], FinalCadence = "V7", UsesRisers = false,
        };

        yield return new GenreTemplate(
            Genre.Funk, 95, 115, 104, Mode.Mixolydian, [4, 9, 7, 2, 0, 5],
            ["I7 I7 IV7 I7", "I7 IV7 I7 IV7", "I9 I9 I9 IV9", "ii7 V7 ii7 V7"],
            ["i7 i7 iv7 i7", "i7 IV7 i7 IV7", "i9 i9 VII7 VII7"],
            [new("Groove", SectionRole.Intro, 8, 0.6), new("Verse 1", SectionRole.Verse, 16, 0.7), new("Chorus", SectionRole.Chorus, 8, 0.9),
             new("Breakdown", SectionRole.Breakdown, 8, 0.45), new("Verse 2", SectionRole.Verse, 16, 0.75), new("Chorus", SectionRole.Chorus, 8, 0.95),
             new("Groove Out", SectionRole.Outro, 8, 0.7)],
            [new(Kick, "x..x..x..x....x.", 0.4, Velocity: 112), new(Snare, "....x.......x...", 0.4, Velocity: 110),
             new(Snare, "..g....g.g....g.", 0.6, Velocity: 100), new(Hat, "xgxgxgxgxgxgxgxg", 0.45, Velocity: 78),
             new(OpenHat, "..............x.", 0.65, Velocity: 70)],
            BassStyle.FunkSlap, Instrument.PluckBass, CompStyle.FunkChops, Instrument.CleanGuitar, Instrument.Organ,
            Instrument.Brass, null)
        {
            LeadAlternatives = [Instrument.Brass, Instrument.SquareLead, Instrument.Organ], Swing = 0.55, SwingSixteenths = true, TimingDriftMs = 5, LeadCentre = 72, LeadDensity = 1.0, MinEnergy = 0.45, MaxEnergy = 1.0,
            LoopRoles = [SectionRole.Verse, SectionRole.Chorus], FinalCadence = "IV7", UsesRisers = false,
        };
    }
}
