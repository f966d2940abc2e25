namespace MusicGen.Core.Generations;

public enum TrackFileKind
{
    Audio,
    Stem,
    Midi,
}
