using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Prompting;

/// <summary>
/// The words the parser recognises. Genre words carry a weight: a genre name (2) outweighs a hint such
/// as "guitar" or "uplifting" (1). Longer phrases are matched first, so "lo-fi hip hop" never counts as "hip hop".
/// </summary>
internal static class Lexicon
{
    public static readonly (string Phrase, Genre Genre, int Weight)[] Genres =
    [
        ("lo-fi hip hop", Genre.LofiHipHop, 3), ("lofi hip hop", Genre.LofiHipHop, 3), ("lo-fi hip-hop", Genre.LofiHipHop, 3),
        ("lofi hip-hop", Genre.LofiHipHop, 3), ("lo fi", Genre.LofiHipHop, 2), ("lo-fi", Genre.LofiHipHop, 2), ("lofi", Genre.LofiHipHop, 2),
        ("chillhop", Genre.LofiHipHop, 2), ("study beats", Genre.LofiHipHop, 2), ("beats to study", Genre.LofiHipHop, 2), ("study", Genre.LofiHipHop, 1),
        ("jazzhop", Genre.LofiHipHop, 2), ("chill beats", Genre.LofiHipHop, 2), ("vinyl", Genre.LofiHipHop, 1), ("chill", Genre.LofiHipHop, 1),
        ("hip hop", Genre.HipHop, 2), ("hip-hop", Genre.HipHop, 2), ("hiphop", Genre.HipHop, 2), ("boom bap", Genre.HipHop, 2),
        ("boom-bap", Genre.HipHop, 2), ("trap", Genre.HipHop, 2), ("drill", Genre.HipHop, 2), ("rap", Genre.HipHop, 2), ("808", Genre.HipHop, 1),
        ("k-pop", Genre.Pop, 2), ("synth-pop", Genre.Pop, 2), ("synthpop", Genre.Pop, 2), ("pop", Genre.Pop, 2), ("radio", Genre.Pop, 1),
        ("catchy", Genre.Pop, 1), ("ballad", Genre.Pop, 1), ("r&b", Genre.Pop, 1), ("rnb", Genre.Pop, 1), ("anthem", Genre.Pop, 1),
        ("rock", Genre.Rock, 2), ("punk", Genre.Rock, 2), ("grunge", Genre.Rock, 2), ("metal", Genre.Rock, 2), ("indie", Genre.Rock, 1),
        ("guitar", Genre.Rock, 1), ("riff", Genre.Rock, 1), ("blues", Genre.Rock, 1), ("garage", Genre.Rock, 1),
        ("deep house", Genre.House, 3), ("disco house", Genre.House, 3), ("tech house", Genre.House, 3), ("progressive house", Genre.House, 3),
        ("house", Genre.House, 2), ("dance", Genre.House, 1), ("club", Genre.House, 1), ("edm", Genre.House, 1), ("four on the floor", Genre.House, 1),
        ("techno", Genre.Techno, 2), ("warehouse", Genre.Techno, 1), ("industrial", Genre.Techno, 1), ("acid", Genre.Techno, 1),
        ("minimal", Genre.Techno, 1), ("rave", Genre.Techno, 1), ("berlin", Genre.Techno, 1),
        ("psytrance", Genre.Trance, 3), ("trance", Genre.Trance, 2), ("uplifting", Genre.Trance, 1), ("euphoric", Genre.Trance, 1),
        ("drum and bass", Genre.DrumAndBass, 3), ("drum & bass", Genre.DrumAndBass, 3), ("drum n bass", Genre.DrumAndBass, 3),
        ("drum'n'bass", Genre.DrumAndBass, 3), ("drum 'n' bass", Genre.DrumAndBass, 3), ("dnb", Genre.DrumAndBass, 2), ("d&b", Genre.DrumAndBass, 2),
        ("jungle", Genre.DrumAndBass, 2), ("liquid", Genre.DrumAndBass, 1), ("neurofunk", Genre.DrumAndBass, 3), ("breakbeat", Genre.DrumAndBass, 1),
        ("synthwave", Genre.Synthwave, 2), ("retrowave", Genre.Synthwave, 2), ("outrun", Genre.Synthwave, 2), ("darksynth", Genre.Synthwave, 2),
        ("vaporwave", Genre.Synthwave, 1), ("80s", Genre.Synthwave, 1), ("1980s", Genre.Synthwave, 1), ("eighties", Genre.Synthwave, 1),
        ("retro", Genre.Synthwave, 1), ("neon", Genre.Synthwave, 1),
        ("ambient", Genre.Ambient, 2), ("drone", Genre.Ambient, 2), ("meditation", Genre.Ambient, 2), ("soundscape", Genre.Ambient, 2),
        ("atmospheric", Genre.Ambient, 1), ("sleep", Genre.Ambient, 1), ("spa", Genre.Ambient, 1), ("yoga", Genre.Ambient, 1), ("new age", Genre.Ambient, 2),
        ("cinematic", Genre.Cinematic, 2), ("orchestral", Genre.Cinematic, 2), ("orchestra", Genre.Cinematic, 2), ("trailer", Genre.Cinematic, 2),
        ("film score", Genre.Cinematic, 3), ("soundtrack", Genre.Cinematic, 2), ("symphonic", Genre.Cinematic, 2), ("epic", Genre.Cinematic, 1),
        ("score", Genre.Cinematic, 1), ("heroic", Genre.Cinematic, 1), ("battle", Genre.Cinematic, 1), ("movie", Genre.Cinematic, 1),
        ("smooth jazz", Genre.Jazz, 3), ("jazz", Genre.Jazz, 2), ("jazzy", Genre.Jazz, 2), ("bebop", Genre.Jazz, 2), ("bossa", Genre.Jazz, 2),
        ("swing", Genre.Jazz, 1), ("big band", Genre.Jazz, 2), ("lounge", Genre.Jazz, 1), ("saxophone", Genre.Jazz, 1), ("sax", Genre.Jazz, 1),
        ("classical piano", Genre.ClassicalPiano, 3), ("piano sonata", Genre.ClassicalPiano, 3), ("solo piano", Genre.ClassicalPiano, 2),
        ("piano solo", Genre.ClassicalPiano, 2), ("classical", Genre.ClassicalPiano, 2), ("nocturne", Genre.ClassicalPiano, 2),
        ("etude", Genre.ClassicalPiano, 2), ("sonata", Genre.ClassicalPiano, 2), ("prelude", Genre.ClassicalPiano, 2), ("waltz", Genre.ClassicalPiano, 1),
        ("baroque", Genre.ClassicalPiano, 2), ("romantic era", Genre.ClassicalPiano, 2),
        ("funk", Genre.Funk, 2), ("funky", Genre.Funk, 2), ("groove", Genre.Funk, 1), ("groovy", Genre.Funk, 1), ("soul", Genre.Funk, 1),
        ("disco", Genre.Funk, 1), ("slap bass", Genre.Funk, 2),
    ];

    public static readonly (string Phrase, Mood Mood)[] Moods =
    [
        ("happy", Mood.Happy), ("joyful", Mood.Happy), ("cheerful", Mood.Happy), ("uplifting", Mood.Happy), ("bright", Mood.Happy),
        ("sunny", Mood.Happy), ("upbeat", Mood.Happy), ("playful", Mood.Happy), ("fun", Mood.Happy), ("feel-good", Mood.Happy), ("summer", Mood.Happy),
        ("sad", Mood.Sad), ("melancholic", Mood.Sad), ("melancholy", Mood.Sad), ("nostalgic", Mood.Sad), ("heartbreak", Mood.Sad),
        ("lonely", Mood.Sad), ("rainy", Mood.Sad), ("bittersweet", Mood.Sad), ("emotional", Mood.Sad), ("somber", Mood.Sad), ("sombre", Mood.Sad),
        ("calm", Mood.Calm), ("relaxing", Mood.Calm), ("relaxed", Mood.Calm), ("peaceful", Mood.Calm), ("chill", Mood.Calm), ("mellow", Mood.Calm),
        ("soothing", Mood.Calm), ("gentle", Mood.Calm), ("soft", Mood.Calm), ("laid-back", Mood.Calm), ("laid back", Mood.Calm), ("quiet", Mood.Calm),
        ("energetic", Mood.Energetic), ("intense", Mood.Energetic), ("aggressive", Mood.Energetic), ("driving", Mood.Energetic),
        ("powerful", Mood.Energetic), ("hard", Mood.Energetic), ("hype", Mood.Energetic), ("banger", Mood.Energetic), ("workout", Mood.Energetic),
        ("dark", Mood.Dark), ("sinister", Mood.Dark), ("ominous", Mood.Dark), ("gritty", Mood.Dark), ("menacing", Mood.Dark), ("moody", Mood.Dark),
        ("brooding", Mood.Dark), ("horror", Mood.Dark), ("eerie", Mood.Dark),
        ("epic", Mood.Epic), ("heroic", Mood.Epic), ("triumphant", Mood.Epic), ("majestic", Mood.Epic), ("grand", Mood.Epic), ("anthemic", Mood.Epic),
        ("romantic", Mood.Romantic), ("love", Mood.Romantic), ("tender", Mood.Romantic), ("sensual", Mood.Romantic), ("intimate", Mood.Romantic),
        ("mysterious", Mood.Mysterious), ("mystery", Mood.Mysterious), ("suspense", Mood.Mysterious), ("suspenseful", Mood.Mysterious),
        ("enigmatic", Mood.Mysterious), ("haunting", Mood.Mysterious), ("tense", Mood.Mysterious),
        ("dreamy", Mood.Dreamy), ("ethereal", Mood.Dreamy), ("floating", Mood.Dreamy), ("hazy", Mood.Dreamy), ("spacey", Mood.Dreamy), ("space", Mood.Dreamy),
    ];

    public static readonly (string Phrase, Instrument Instrument)[] Instruments =
    [
        ("electric piano", Instrument.ElectricPiano), ("e-piano", Instrument.ElectricPiano), ("rhodes", Instrument.ElectricPiano),
        ("wurlitzer", Instrument.ElectricPiano), ("keys", Instrument.ElectricPiano), ("piano", Instrument.Piano), ("grand piano", Instrument.Piano),
        ("organ", Instrument.Organ), ("hammond", Instrument.Organ),
        ("strings", Instrument.Strings), ("string", Instrument.Strings), ("violin", Instrument.Strings), ("violins", Instrument.Strings),
        ("cello", Instrument.Strings), ("cellos", Instrument.Strings), ("viola", Instrument.Strings),
        ("supersaw", Instrument.SupersawPad), ("synth pad", Instrument.SupersawPad), ("pads", Instrument.WarmPad), ("pad", Instrument.WarmPad),
        ("pluck", Instrument.Pluck), ("plucks", Instrument.Pluck), ("arpeggio", Instrument.Pluck), ("arpeggios", Instrument.Pluck), ("arp", Instrument.Pluck),
        ("distorted guitar", Instrument.DistortedGuitar), ("electric guitar", Instrument.DistortedGuitar), ("heavy guitar", Instrument.DistortedGuitar),
        ("power chords", Instrument.DistortedGuitar), ("acoustic guitar", Instrument.CleanGuitar), ("clean guitar", Instrument.CleanGuitar),
        ("guitar", Instrument.CleanGuitar), ("guitars", Instrument.CleanGuitar),
        ("saw lead", Instrument.SawLead), ("synth lead", Instrument.SawLead), ("lead synth", Instrument.SawLead), ("synth", Instrument.SawLead),
        ("synths", Instrument.SawLead), ("square lead", Instrument.SquareLead), ("chiptune", Instrument.SquareLead), ("flute", Instrument.SquareLead),
        ("bells", Instrument.Bell), ("bell", Instrument.Bell), ("music box", Instrument.Bell), ("glockenspiel", Instrument.Bell), ("celesta", Instrument.Bell),
        ("marimba", Instrument.Bell), ("vibraphone", Instrument.Bell),
        ("brass", Instrument.Brass), ("horns", Instrument.Brass), ("horn", Instrument.Brass), ("trumpet", Instrument.Brass), ("trumpets", Instrument.Brass),
        ("saxophone", Instrument.Brass), ("sax", Instrument.Brass), ("trombone", Instrument.Brass),
        ("choir", Instrument.Choir), ("choirs", Instrument.Choir), ("voices", Instrument.Choir),
        ("808", Instrument.SubBass), ("808s", Instrument.SubBass), ("sub bass", Instrument.SubBass), ("sub-bass", Instrument.SubBass),
        ("reese", Instrument.ReeseBass), ("upright bass", Instrument.UprightBass), ("double bass", Instrument.UprightBass),
        ("acoustic bass", Instrument.UprightBass), ("slap bass", Instrument.PluckBass), ("bass guitar", Instrument.PluckBass),
        ("synth bass", Instrument.SynthBass), ("bassline", Instrument.SynthBass), ("bass", Instrument.SynthBass),
        ("drums", Instrument.DrumKit), ("drum", Instrument.DrumKit), ("percussion", Instrument.DrumKit),
        ("riser", Instrument.NoiseRiser), ("risers", Instrument.NoiseRiser),
    ];

    public static readonly string[] Negations = ["no", "without", "minus", "excluding", "exclude", "not", "sans", "zero", "lose"];

    /// <summary>Words that may sit between a negation and the instruments it applies to ("no drums or bass").</summary>
    public static readonly string[] NegationGlue = ["and", "or", "nor", "any", "the", "heavy", "loud", "real", ",", "&", "/"];

    public static readonly (string Phrase, int Value)[] NumberWords =
    [
        ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7), ("eight", 8), ("nine", 9), ("ten", 10),
        ("a", 1), ("an", 1), ("half a", 0), ("a half", 0),
    ];
}
