/** Real databases for Retort's tests. */
package dev.retort.testsupport;
