namespace MusicGen.Engine.Scores;

/// <summary>The four stems every score renders to; summed, they equal the pre-master mix.</summary>
public enum StemGroup
{
    Drums,
    Bass,
    Harmony,
    Melody,
}
