namespace MusicGen.Engine.Synthesis;

public enum DrumSound
{
    Kick,
    Snare,
    Clap,
    SideStick,
    ClosedHat,
    PedalHat,
    OpenHat,
    Crash,
    Ride,
    Tom,
    Shaker,
}
