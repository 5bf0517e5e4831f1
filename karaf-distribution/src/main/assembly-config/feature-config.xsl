<?xml version="1.0" encoding="UTF-8"?>
<!--
  One <config name="$pid"> of the Armada features file as a .cfg file for the archive's etc/. A configuration that
  only the feature creates at the first start is created while the area's bundles start, and fileinstall then
  updates it from the file the feature wrote: Declarative Services activated the area's components with the defaults
  in between and activates them again, so their routes went away for a moment right after the first start. Shipped
  in etc/, the configuration is there before any feature installs (the feature then leaves it alone).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:param name="pid"/>
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:template match="/">
    <xsl:text># Defaults of the feature's configuration </xsl:text>
    <xsl:value-of select="$pid"/>
    <xsl:text> (features/src/main/feature/feature.xml); edit here.&#10;</xsl:text>
    <xsl:value-of select="(//*[local-name()='config'][@name=$pid])[1]"/>
  </xsl:template>
</xsl:stylesheet>
