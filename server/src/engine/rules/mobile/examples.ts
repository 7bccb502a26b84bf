/** The documentation examples of the mobile rules: whole files, shaped like a React Native app's. */

/** An AndroidManifest.xml whose `<application>` has the given attributes and children. */
export function manifestExample(applicationAttributes: string[], components: string[] = []): string {
  return [
    '<manifest xmlns:android="http://schemas.android.com/apk/res/android">',
    '  <uses-permission android:name="android.permission.INTERNET" />',
    '  <application',
    '    android:name=".MainApplication"',
    ...applicationAttributes.map((a) => `    ${a}`),
    '    android:theme="@style/AppTheme">',
    '    <activity android:name=".MainActivity" android:exported="true">',
    '      <intent-filter>',
    '        <action android:name="android.intent.action.MAIN" />',
    '        <category android:name="android.intent.category.LAUNCHER" />',
    '      </intent-filter>',
    '    </activity>',
    ...components.map((c) => `    ${c}`),
    '  </application>',
    '</manifest>',
    '',
  ].join('\n');
}

/** An Info.plist whose `NSAppTransportSecurity` dict holds the given lines. */
export function plistExample(transportSecurity: string[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    '<dict>',
    '  <key>CFBundleDisplayName</key>',
    '  <string>Shop</string>',
    '  <key>NSAppTransportSecurity</key>',
    '  <dict>',
    ...transportSecurity.map((l) => `    ${l}`),
    '  </dict>',
    '</dict>',
    '</plist>',
    '',
  ].join('\n');
}
