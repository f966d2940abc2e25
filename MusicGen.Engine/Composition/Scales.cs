using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Composition;

/// <summary>Mode scales as semitone offsets from the tonic, and diatonic-index ↔ MIDI conversion for melodies.</summary>
public static class Scales
{
    public static readonly int[] MajorSteps = [0, 2, 4, 5, 7, 9, 11];

    public static int[] Steps(Mode mode) => mode switch
    {
        Mode.Major => MajorSteps,
        Mode.Minor => [0, 2, 3, 5, 7, 8, 10],
        Mode.Dorian => [0, 2, 3, 5, 7, 9, 10],
        Mode.Phrygian => [0, 1, 3, 5, 7, 8, 10],
        Mode.Lydian => [0, 2, 4, 6, 7, 9, 11],
        Mode.Mixolydian => [0, 2, 4, 5, 7, 9, 10],
        _ => MajorSteps,
    };

    /// <summary>MIDI pitch of diatonic index <paramref name="degree"/> (0 = tonic at <paramref name="tonicPitch"/>, 7 = octave above).</summary>
    public static int Pitch(Key key, int tonicPitch, int degree)
    {
        var steps = Steps(key.Mode);
        var octave = (int)Math.Floor(degree / 7.0);
        var index = degree - (octave * 7);
        return tonicPitch + (octave * 12) + steps[index];
    }

    /// <summary>The MIDI pitch of the key's tonic nearest to <paramref name="centre"/>.</summary>
    public static int TonicNear(Key key, int centre)
    {
        var pitch = centre - (((centre - key.Tonic) % 12) + 12) % 12;
        return centre - pitch > 6 ? pitch + 12 : pitch;
    }

    public static int PitchClass(int pitch) => ((pitch % 12) + 12) % 12;
}
