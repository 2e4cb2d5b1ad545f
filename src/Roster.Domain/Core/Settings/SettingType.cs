namespace Roster.Domain.Settings;

public enum SettingType { Boolean, String, Integer, Object, StringArray, IntegerArray, ObjectArray, Array }
